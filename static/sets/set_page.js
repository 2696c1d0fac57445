// The set page's small enhancements: "Copy" buttons beside the share link and the
// embed code. Without JavaScript the fields stay selectable, read-only text.

async function copyText(source) {
  const text = source.value;
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: fall back to selecting the text below.
    }
  }
  source.focus();
  source.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

export function init(root) {
  for (const field of root.querySelectorAll("[data-copy-field]")) {
    const button = field.querySelector("[data-copy-button]");
    if (button) {
      button.hidden = false;
    }
  }
  root.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy-button]");
    if (!button) {
      return;
    }
    const field = button.closest("[data-copy-field]");
    const source = field.querySelector("[data-copy-source]");
    const status = field.querySelector("[data-copy-status]");
    const copied = await copyText(source);
    status.textContent = copied
      ? "Copied."
      : "Press Ctrl+C (or ⌘C) to copy the selected text.";
    if (!copied) {
      source.focus();
      source.select();
    }
  });
  // Selecting the whole value on focus makes copying by hand one keystroke.
  root.addEventListener("focusin", (event) => {
    if (event.target.matches("[data-copy-source]")) {
      event.target.select();
    }
  });
}

init(document);
