// Picking a size or colour shows that option's price and stock.
export function init(root) {
  root.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.name !== "variant" || input.type !== "radio") return;
    const product = input.closest("[data-product]");
    if (!product) return;
    const price = product.querySelector("[data-price]");
    const stock = product.querySelector("[data-stock]");
    if (price && input.dataset.price) price.textContent = input.dataset.price;
    if (stock) {
      const left = Number(input.dataset.stock);
      stock.textContent = left === 0 ? "Sold out" : left <= 5 ? `Only ${left} left` : "In stock";
      stock.classList.toggle("stock--low", left > 0 && left <= 5);
      stock.classList.toggle("stock--out", left === 0);
    }
  });
}
