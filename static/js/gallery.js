// Thumbnails swap the main picture; without JavaScript they link to the large image.
export function init(root) {
  root.addEventListener("click", (event) => {
    const thumb = event.target.closest("[data-gallery-thumb]");
    if (!thumb) return;
    const gallery = thumb.closest("[data-gallery]");
    const main = gallery && gallery.querySelector("[data-gallery-main]");
    if (!main) return;
    event.preventDefault();
    main.src = thumb.getAttribute("href");
    for (const other of gallery.querySelectorAll("[data-gallery-thumb]")) {
      other.classList.toggle("is-active", other === thumb);
    }
  });
}
