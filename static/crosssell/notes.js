// A live character count under the note's text box: plain, polite, no framework.
const MIN = 20;
const MAX = 1000;

for (const counter of document.querySelectorAll("[data-counts]")) {
  const box = document.getElementById(counter.dataset.counts);
  if (!box) continue;
  const update = () => {
    const length = box.value.trim().length;
    counter.hidden = false;
    if (length < MIN) {
      counter.textContent = `${length} characters — at least ${MIN - length} more, please.`;
    } else {
      counter.textContent = `${length} of ${MAX.toLocaleString()} characters.`;
    }
  };
  box.addEventListener("input", update);
  update();
}
