// One click, one order: the button is disabled once the form is on its way.
// (The server is idempotent on the form's token as well.)
export function init(root) {
  root.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-checkout]");
    if (!form || event.submitter?.name === "apply") return;
    const button = form.querySelector("[data-place-order]");
    if (!button) return;
    if (button.dataset.busy) {
      event.preventDefault();
      return;
    }
    button.dataset.busy = "1";
    button.textContent = "Placing your order…";
    button.setAttribute("aria-disabled", "true");
  });
}
