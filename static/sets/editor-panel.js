// The product panel: search, category and colour filters, "Load more" paging from
// the API, and tiles that can be dragged onto the canvas or added with a button.
const SEARCH_DELAY_MS = 250;
const DRAG_THRESHOLD_PX = 5;

// ``onAdd(product, point)`` adds a product; point is where on the canvas it was
// dropped (canvas units), or null for the button. ``canvas`` tells where a pointer is.
export function createPanel(root, { api, productsUrl, currencySymbol, canvas, onAdd }) {
  const form = root.querySelector("[data-panel-form]");
  const list = root.querySelector("[data-panel-tiles]");
  const more = root.querySelector("[data-panel-more]");
  const count = root.querySelector("[data-panel-count]");
  const template = root.closest("[data-set-editor]").querySelector("[data-tile-template]");
  const products = new Map(); // id -> product as the API gave it
  let nextPage = null;
  let request = 0; // answers to older requests are dropped
  let searchTimer = null;
  let drag = null;

  function query(page) {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (String(value).trim()) params.set(name, String(value).trim());
    }
    params.set("page", String(page));
    return `${productsUrl}?${params}`;
  }

  function tileFor(product) {
    const tile = template.content.firstElementChild.cloneNode(true);
    tile.dataset.productId = String(product.id);
    const image = tile.querySelector("[data-tile-image]");
    const picture = product.cutout || product.image;
    tile.querySelector("[data-tile-title]").textContent = product.title;
    tile.querySelector("[data-tile-price]").textContent = `${currencySymbol}${product.price}`;
    tile.querySelector("[data-tile-name]").textContent = `: ${product.title}`;
    if (picture) {
      image.src = picture;
    } else {
      image.remove();
      const button = tile.querySelector("[data-add]");
      button.disabled = true;
      button.textContent = "No picture yet";
      delete tile.querySelector("[data-drag-source]").dataset.dragSource;
    }
    return tile;
  }

  async function load({ append }) {
    const mine = ++request;
    const page = append ? nextPage : 1;
    more.disabled = true;
    if (!append) count.textContent = "Loading products…";
    let body;
    try {
      body = await api.get(query(page));
    } catch (error) {
      if (mine !== request) return;
      count.textContent = `Products could not be loaded: ${error.message}`;
      more.disabled = false;
      return;
    }
    if (mine !== request) return;
    if (!append) {
      list.replaceChildren();
      products.clear();
    }
    for (const product of body.results) {
      products.set(String(product.id), product);
      list.append(tileFor(product));
    }
    nextPage = body.next ? page + 1 : null;
    more.hidden = !nextPage;
    more.disabled = false;
    const shown = products.size;
    if (!body.count) {
      count.textContent = "No products match. Try other words or filters.";
    } else if (shown < body.count) {
      count.textContent = `Showing ${shown} of ${body.count} products`;
    } else {
      count.textContent = `${body.count} product${body.count === 1 ? "" : "s"}`;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(searchTimer);
    load({ append: false });
  });
  form.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => load({ append: false }), SEARCH_DELAY_MS);
  });
  more.addEventListener("click", () => load({ append: true }));

  list.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add]");
    if (!button) return;
    const product = products.get(button.closest("[data-product-id]").dataset.productId);
    if (product) onAdd(product, null);
  });

  // Dragging a tile: a ghost picture follows the pointer; letting go over the
  // canvas adds the product there.
  function moveGhost(event) {
    drag.ghost.style.transform = `translate(${event.clientX}px, ${event.clientY}px) translate(-50%, -50%)`;
    canvas.setDropTarget(Boolean(canvas.pointAt(event.clientX, event.clientY)));
  }

  function stopDrag() {
    if (!drag) return;
    drag.ghost?.remove();
    canvas.setDropTarget(false);
    document.documentElement.classList.remove("is-dragging-product");
    drag = null;
  }

  list.addEventListener("pointerdown", (event) => {
    const source = event.target.closest("[data-drag-source]");
    if (!source || event.button !== 0) return;
    const product = products.get(source.closest("[data-product-id]").dataset.productId);
    if (!product) return;
    event.preventDefault();
    source.setPointerCapture(event.pointerId);
    drag = { product, pointerId: event.pointerId, x: event.clientX, y: event.clientY, ghost: null };
  });

  list.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    if (!drag.ghost) {
      if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < DRAG_THRESHOLD_PX) return;
      drag.ghost = document.createElement("img");
      drag.ghost.className = "editor-ghost";
      drag.ghost.alt = "";
      drag.ghost.src = drag.product.cutout || drag.product.image;
      document.body.append(drag.ghost);
      document.documentElement.classList.add("is-dragging-product");
    }
    moveGhost(event);
  });

  list.addEventListener("pointerup", (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const point = drag.ghost ? canvas.pointAt(event.clientX, event.clientY) : null;
    const { product } = drag;
    stopDrag();
    if (point) onAdd(product, point);
  });
  list.addEventListener("pointercancel", stopDrag);

  load({ append: false });
}
