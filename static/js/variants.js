// Picking a size or colour shows that option's price and stock, and caps the
// quantity at what is left. Each radio carries its own data-price and data-stock.
const LOW_STOCK = 5;

function stockText(left) {
  if (left === 0) return "Sold out";
  if (left <= LOW_STOCK) return `Only ${left} left`;
  return "In stock";
}

function show(product, input) {
  const price = product.querySelector("[data-price]:not(input)");
  const stock = product.querySelector("[data-stock]:not(input)");
  const quantity = product.querySelector("[data-quantity]");
  const left = Number(input.dataset.stock);
  if (price && input.dataset.price) price.textContent = input.dataset.price;
  if (stock) {
    stock.textContent = stockText(left);
    stock.classList.toggle("stock--low", left > 0 && left <= LOW_STOCK);
    stock.classList.toggle("stock--out", left === 0);
  }
  if (quantity && left > 0) {
    if (!quantity.dataset.max) quantity.dataset.max = quantity.max;
    const most = Math.min(Number(quantity.dataset.max), left);
    quantity.max = String(most);
    if (Number(quantity.value) > most) quantity.value = String(most);
  }
}

export function init(root) {
  root.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.name !== "variant" || input.type !== "radio") return;
    const product = input.closest("[data-product]");
    if (product) show(product, input);
  });
  for (const input of root.querySelectorAll("[data-product] input[name=variant][type=radio]:checked")) {
    show(input.closest("[data-product]"), input);
  }
}
