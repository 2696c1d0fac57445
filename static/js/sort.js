// Sorting applies as soon as a new order is picked.
export function init(root) {
  root.addEventListener("change", (event) => {
    const form = event.target.closest("form[data-auto-submit]");
    if (form) form.requestSubmit();
  });
}
