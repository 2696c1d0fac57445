// The filter column is open by default (so it works without JavaScript); on narrow
// screens it starts folded behind a "Filters" toggle so the products come first.
const narrow = window.matchMedia("(max-width: 1000px)");

export function init(root) {
  const panels = root.querySelectorAll("details[data-filters]");
  if (!panels.length) return;
  const apply = () => {
    for (const details of panels) details.open = !narrow.matches;
  };
  apply();
  narrow.addEventListener("change", apply);
}
