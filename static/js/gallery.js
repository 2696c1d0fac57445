// Thumbnails swap the main picture; without JavaScript they link to the large image.
export function init(root) {
  root.addEventListener("click", (event) => {
    const thumb = event.target.closest("[data-gallery-thumb]");
    if (!thumb || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const gallery = thumb.closest("[data-gallery]");
    const main = gallery && gallery.querySelector("[data-gallery-main]");
    if (!main) return;
    event.preventDefault();
    main.src = thumb.getAttribute("href");
    if (thumb.dataset.alt) main.alt = thumb.dataset.alt;
    for (const other of gallery.querySelectorAll("[data-gallery-thumb]")) {
      const active = other === thumb;
      other.classList.toggle("is-active", active);
      if (active) other.setAttribute("aria-current", "true");
      else other.removeAttribute("aria-current");
    }
  });
}
