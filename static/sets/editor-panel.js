// The product panel: search, category and colour filters, "Load more" paging from
// the API, and tiles that can be dragged onto the canvas or added with a button.
const SEARCH_DELAY_MS = 250;
const DRAG_THRESHOLD_PX = 5;
const HOLD_MS = 350;
const HOLD_SLOP_PX = 10; // fingers wobble more than a mouse
// Where the primary pointer is a finger, the tiles and the hint say how to drag.
const touchScreen = window.matchMedia("(pointer: coarse)");
const TOUCH_DRAG_TITLE = "Press and hold to drag onto the set, or use Add to set";
const TOUCH_HINT = "Press and hold to drag onto the set, or use “Add to set”.";

// ``onAdd(product, point)`` adds a product; point is where on the canvas it was
// dropped (canvas units), or null for the button. ``canvas`` tells where a pointer is.
export function createPanel(root, { api, productsUrl, currencySymbol, canvas, onAdd }) {
  const form = root.querySelector("[data-panel-form]");
  const list = root.querySelector("[data-panel-tiles]");
  const more = root.querySelector("[data-panel-more]");
  const count = root.querySelector("[data-panel-count]");
  const template = root.closest("[data-set-editor]").querySelector("[data-tile-template]");
  const hint = root.querySelector(".editor-panel__hint");
  const mouseHint = hint.textContent;
  const mouseTitle = template.content.querySelector("[data-drag-source]").title;
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

  function describeDragging() {
    hint.textContent = touchScreen.matches ? TOUCH_HINT : mouseHint;
    for (const source of list.querySelectorAll("[data-drag-source]")) {
      source.title = touchScreen.matches ? TOUCH_DRAG_TITLE : mouseTitle;
    }
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
    describeDragging();
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
  // canvas adds the product there. A mouse or pen drags once it has moved a few
  // pixels. A finger has to rest on the tile first (HOLD_MS, staying within
  // HOLD_SLOP_PX), because a finger moving at once is scrolling the list.
  function moveGhost(clientX, clientY) {
    drag.ghost.style.transform = `translate(${clientX}px, ${clientY}px) translate(-50%, -50%)`;
    canvas.setDropTarget(Boolean(canvas.pointAt(clientX, clientY)));
  }

  function showGhost() {
    drag.ghost = document.createElement("img");
    drag.ghost.className = "editor-ghost";
    drag.ghost.alt = "";
    drag.ghost.src = drag.product.cutout || drag.product.image;
    document.body.append(drag.ghost);
    document.documentElement.classList.add("is-dragging-product");
    moveGhost(drag.clientX, drag.clientY);
  }

  function pickUp() {
    drag.isHeld = true;
    drag.source.classList.add("is-held");
    showGhost();
    // Browsers refuse it (Chrome with a warning) before the first tap on the page.
    if (navigator.userActivation?.hasBeenActive !== false) navigator.vibrate?.(10);
  }

  function stopDrag() {
    if (!drag) return;
    clearTimeout(drag.holdTimer);
    drag.ghost?.remove();
    drag.source.classList.remove("is-held");
    canvas.setDropTarget(false);
    document.documentElement.classList.remove("is-dragging-product");
    drag = null;
  }

  list.addEventListener("pointerdown", (event) => {
    const source = event.target.closest("[data-drag-source]");
    if (!source || event.button !== 0 || !event.isPrimary) return;
    const product = products.get(source.closest("[data-product-id]").dataset.productId);
    if (!product) return;
    stopDrag();
    event.preventDefault();
    source.setPointerCapture(event.pointerId);
    drag = {
      product,
      source,
      pointerId: event.pointerId,
      isTouch: event.pointerType === "touch",
      isHeld: false,
      holdTimer: null,
      startX: event.clientX,
      startY: event.clientY,
      clientX: event.clientX,
      clientY: event.clientY,
      ghost: null,
    };
    if (drag.isTouch) drag.holdTimer = setTimeout(pickUp, HOLD_MS);
  });

  list.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    drag.clientX = event.clientX;
    drag.clientY = event.clientY;
    const distance = Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY);
    if (drag.isTouch && !drag.isHeld) {
      // Moved before the hold was up: a swipe, which the browser scrolls.
      if (distance > HOLD_SLOP_PX) stopDrag();
      return;
    }
    if (!drag.ghost) {
      if (distance < DRAG_THRESHOLD_PX) return;
      showGhost();
    }
    moveGhost(event.clientX, event.clientY);
  });

  list.addEventListener("pointerup", (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    // No ghost: a click, a tap, or a finger lifted before the hold was up.
    const point = drag.ghost ? canvas.pointAt(event.clientX, event.clientY) : null;
    const { product } = drag;
    stopDrag();
    if (point) onAdd(product, point);
  });
  list.addEventListener("pointercancel", (event) => {
    if (drag && event.pointerId === drag.pointerId) stopDrag();
  });

  // While a finger holds a product the page must not scroll under it. This is
  // the only listener that can stop it (touch-action is settled when the finger
  // lands), so it is not passive; it is on the list, so only touches that start
  // there wait for it.
  list.addEventListener(
    "touchmove",
    (event) => {
      if (drag?.isHeld && event.cancelable) event.preventDefault();
    },
    { passive: false },
  );
  // A long press would open the picture's menu (or start selecting text).
  list.addEventListener("contextmenu", (event) => {
    if (drag?.isTouch && event.target.closest("[data-drag-source]")) event.preventDefault();
  });

  touchScreen.addEventListener("change", describeDragging);
  describeDragging();
  load({ append: false });
}
