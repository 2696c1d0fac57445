// Checkout: one click, one order; Enter does what the shopper expects; errors get focus.
// (The server is idempotent on the form's token as well.)
const BUSY_TEXT = "Placing your order…";

function placeButton(form) {
  return form.querySelector("[data-place-order]");
}

function reset(form) {
  const button = placeButton(form);
  if (!button || !button.dataset.busy) return;
  delete button.dataset.busy;
  button.removeAttribute("aria-disabled");
  button.textContent = button.dataset.label || "Place order";
}

export function init(root) {
  root.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-checkout]");
    if (!form || event.submitter?.name === "apply") return;
    const button = placeButton(form);
    if (!button) return;
    if (button.dataset.busy) {
      event.preventDefault();
      return;
    }
    button.dataset.busy = "1";
    button.dataset.label = button.textContent;
    button.textContent = BUSY_TEXT;
    button.setAttribute("aria-disabled", "true");
  });

  // The "Apply" button comes first in the form, so the browser would use it for Enter
  // anywhere. Enter in a code field applies the code; elsewhere it places the order.
  root.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing) return;
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const form = input.closest("form[data-checkout]");
    if (!form) return;
    const isCode = input.name === "voucher_code" || input.name === "gift_card_code";
    const button = isCode ? form.querySelector("[data-apply]") : placeButton(form);
    if (!button) return;
    event.preventDefault();
    form.requestSubmit(button);
  });

  // Coming back with the browser's back button must not leave the button stuck.
  window.addEventListener("pageshow", () => {
    for (const form of root.querySelectorAll("form[data-checkout]")) reset(form);
  });

  const summary = root.querySelector("[data-error-summary]");
  if (summary) summary.focus();
}
