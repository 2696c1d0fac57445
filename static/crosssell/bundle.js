// "Frequently bought together": ticking items and picking their options keeps the
// total and the button in step, and the form is not sent with a ticked item whose
// option is still to choose. Without this script the form still works: every
// ticked one-option item and every chosen option is added.

function cents(value) {
  const [whole, fraction = ""] = String(value).split(".");
  return Number(whole) * 100 + Number((fraction + "00").slice(0, 2));
}

function money(symbol, amount) {
  const whole = Math.floor(amount / 100).toLocaleString("en-US");
  return `${symbol}${whole}.${String(amount % 100).padStart(2, "0")}`;
}

function parts(item) {
  return {
    tick: item.querySelector("input[type=checkbox]"),
    option: item.querySelector("select"),
    title: item.querySelector("[data-bundle-title]").textContent,
    price: item.querySelector("[data-bundle-price]"),
  };
}

function itemPrice({ tick, option }) {
  const chosen = option && option.selectedOptions[0];
  return cents(chosen && chosen.value ? chosen.dataset.price : tick.dataset.price);
}

function update(form) {
  const items = [...form.querySelectorAll("[data-bundle-item]")].map(parts);
  const symbol = form.dataset.currency || "$";
  let total = 0;
  let count = 0;
  for (const item of items) {
    item.price.textContent = money(symbol, itemPrice(item));
    if (item.option) item.option.disabled = !item.tick.checked;
    if (!item.tick.checked) continue;
    total += itemPrice(item);
    count += 1;
  }
  const every = count === items.length;
  const line = form.querySelector("[data-bundle-total-line]");
  const label = items.length === 1 ? "Total" : every ? `Total for all ${count}` : `Total for ${count}`;
  line.replaceChildren(`${label}: `, Object.assign(document.createElement("strong"), { textContent: money(symbol, total) }));
  const button = form.querySelector("[data-bundle-submit]");
  button.textContent = every ? "Add all to cart" : count === 1 ? "Add 1 item to cart" : `Add ${count} items to cart`;
  button.disabled = count === 0;
}

function problem(form) {
  for (const item of [...form.querySelectorAll("[data-bundle-item]")].map(parts)) {
    if (item.tick.checked && item.option && !item.option.value) {
      return { message: `Choose an option for ${item.title}, or untick it.`, field: item.option };
    }
  }
  return null;
}

function init(form) {
  const error = form.querySelector("[data-bundle-error]");
  form.addEventListener("change", () => {
    error.hidden = true;
    update(form);
  });
  form.addEventListener("submit", (event) => {
    const found = problem(form);
    if (!found) return;
    event.preventDefault();
    error.textContent = found.message;
    error.hidden = false;
    found.field.focus();
  });
  // The page's own option (the buy box above) and this item's option move together.
  const own = form.querySelector("select[data-bundle-this]");
  if (own) {
    document.addEventListener("change", (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.name !== "variant" || form.contains(input)) return;
      const match = own.querySelector(`option[data-variant="${CSS.escape(input.value)}"]`);
      if (match) {
        own.value = match.value;
        update(form);
      }
    });
  }
  update(form);
}

for (const form of document.querySelectorAll("form[data-bundle]")) init(form);
