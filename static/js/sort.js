// Sorting applies as soon as a new order is picked; the "Sort" button is the fallback.
export function init(root) {
  root.addEventListener("change", (event) => {
    const form = event.target.closest("form[data-auto-submit]");
    if (form) form.requestSubmit();
  });
}
