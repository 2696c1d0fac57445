// The square canvas: draws the items from the editor's state and turns pointer
// drags on items and handles into moves, resizes and rotations. Mouse, pen and
// touch all arrive as pointer events.
import {
  moveBy,
  pointInBox,
  pointOnContainedImage,
  resizeFromCorner,
  rotationTowards,
} from "./editor-geometry.js";

const percent = (value) => `${(value * 100).toFixed(4)}%`;

// A click on a cut-out's transparent part goes to the item below it. Each picture's
// alpha is read once, from a small copy drawn into an offscreen canvas.
const ALPHA_SIZE = 256; // the longer side of the copy, in pixels
const OPAQUE_FROM = 32; // alpha, 0..255: fainter pixels count as see-through
const alphaMaps = new Map(); // image URL -> { width, height, alpha } or null

function alphaMapOf(image) {
  if (!alphaMaps.has(image.src)) {
    const scale = Math.min(1, ALPHA_SIZE / Math.max(image.naturalWidth, image.naturalHeight));
    const width = Math.max(1, Math.round(image.naturalWidth * scale));
    const height = Math.max(1, Math.round(image.naturalHeight * scale));
    const copy = document.createElement("canvas");
    Object.assign(copy, { width, height });
    const context = copy.getContext("2d", { willReadFrequently: true });
    let map = null; // unreadable pixels: the whole box counts, as before
    try {
      context.drawImage(image, 0, 0, width, height);
      const rgba = context.getImageData(0, 0, width, height).data;
      map = { width, height, alpha: rgba.filter((_, index) => index % 4 === 3) };
    } catch {
      // A picture from another origin taints the canvas; keep the box.
    }
    alphaMaps.set(image.src, map);
  }
  return alphaMaps.get(image.src);
}

// Is the item's picture opaque at ``point`` (canvas units)?
function isOpaqueAt(item, image, point) {
  const inBox = pointInBox(item, point);
  if (!inBox) return false;
  // Not loaded (or broken): nothing to look through yet, so the box counts.
  if (!image.complete || !image.naturalWidth) return true;
  const onImage = pointOnContainedImage(item, inBox, image.naturalWidth / image.naturalHeight);
  if (!onImage) return false;
  const map = alphaMapOf(image);
  if (!map) return true;
  const column = Math.min(map.width - 1, Math.floor(onImage[0] * map.width));
  const row = Math.min(map.height - 1, Math.floor(onImage[1] * map.height));
  return map.alpha[row * map.width + column] >= OPAQUE_FROM;
}

function placeBox(element, item, { flip }) {
  element.style.left = percent(item.x);
  element.style.top = percent(item.y);
  element.style.width = percent(item.width);
  element.style.height = percent(item.height);
  // Exactly the geometry of sets/models.py: mirror first, then rotate.
  const turn = `rotate(${item.rotation}deg)`;
  element.style.transform = flip && item.flip_h ? `${turn} scaleX(-1)` : turn;
}

// ``editor`` gives the state and is told about selection and finished gestures:
// select(uid), live() during a drag, commit(before) when it ends with a change.
export function createCanvas(root, editor) {
  const stage = root.querySelector("[data-stage]");
  const frame = root.querySelector("[data-frame]");
  const empty = root.querySelector("[data-empty]");
  const elements = new Map(); // uid -> the item's element, kept across renders
  let gesture = null;

  function toCanvas(clientX, clientY) {
    const rect = stage.getBoundingClientRect();
    return [(clientX - rect.left) / rect.width, (clientY - rect.top) / rect.height];
  }

  function elementFor(item) {
    let element = elements.get(item.uid);
    if (!element) {
      element = document.createElement("div");
      element.className = "editor-item";
      element.dataset.uid = item.uid;
      element.tabIndex = 0;
      element.setAttribute("role", "button");
      const image = document.createElement("img");
      image.alt = "";
      image.draggable = false;
      image.src = item.image;
      element.append(image);
      elements.set(item.uid, element);
    }
    return element;
  }

  function render(state) {
    const alive = new Set(state.items.map((item) => item.uid));
    for (const [uid, element] of elements) {
      if (!alive.has(uid)) {
        element.remove();
        elements.delete(uid);
      }
    }
    state.items.forEach((item, index) => {
      const element = elementFor(item);
      placeBox(element, item, { flip: true });
      const isSelected = item.uid === state.selected;
      element.classList.toggle("is-selected", isSelected);
      element.classList.toggle("is-unavailable", !item.isActive);
      element.setAttribute("aria-pressed", String(isSelected));
      const note = item.isActive ? "" : ", no longer sold: remove it to publish";
      element.setAttribute(
        "aria-label",
        `${item.title} (item ${index + 1} of ${state.items.length}${note})`,
      );
      // Appending in order moves an element only when the stacking order changed.
      if (stage.children[index] !== element) stage.insertBefore(element, stage.children[index] || null);
    });
    const selected = state.items.find((item) => item.uid === state.selected);
    frame.hidden = !selected;
    if (selected) placeBox(frame, selected, { flip: false });
    empty.hidden = state.items.length > 0;
  }

  function focusItem(uid) {
    elements.get(uid)?.focus({ preventScroll: true });
  }

  function begin(event, captor, kind, item, extra = {}) {
    event.preventDefault();
    captor.setPointerCapture(event.pointerId);
    gesture = {
      kind,
      pointerId: event.pointerId,
      item,
      start: { ...item },
      origin: toCanvas(event.clientX, event.clientY),
      before: structuredClone(editor.state.items),
      moved: false,
      ...extra,
    };
    root.classList.add("is-dragging");
  }

  function update(event) {
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    const point = toCanvas(event.clientX, event.clientY);
    const { item, start } = gesture;
    if (gesture.kind === "move") {
      Object.assign(item, { x: start.x, y: start.y });
      moveBy(item, point[0] - gesture.origin[0], point[1] - gesture.origin[1]);
    } else if (gesture.kind === "resize") {
      resizeFromCorner(item, start, gesture.corner, point);
    } else {
      item.rotation = rotationTowards(start, point, event.shiftKey);
    }
    gesture.moved =
      gesture.moved || ["x", "y", "width", "height", "rotation"].some((key) => item[key] !== start[key]);
    editor.live();
  }

  function end(event) {
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    const finished = gesture;
    gesture = null;
    root.classList.remove("is-dragging");
    if (event.type === "pointercancel") {
      Object.assign(finished.item, finished.start);
      editor.live();
    } else if (finished.moved) {
      editor.commit(finished.before);
    }
  }

  // The topmost item whose picture is opaque at the point, or undefined.
  function itemAt(point) {
    return editor.state.items.findLast((item) => {
      const image = elements.get(item.uid)?.querySelector("img");
      return image && isOpaqueAt(item, image, point);
    });
  }

  stage.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    const item = itemAt(toCanvas(event.clientX, event.clientY));
    if (!item) {
      // Nothing here: not even an item whose see-through part was pressed may
      // take the focus (and with it the selection).
      event.preventDefault();
      root.focus({ preventScroll: true });
      editor.select(null);
      return;
    }
    editor.select(item.uid);
    focusItem(item.uid);
    // Capture on the stage: the item's element may be moved in the DOM mid-drag.
    begin(event, stage, "move", item);
  });

  frame.addEventListener("pointerdown", (event) => {
    const handle = event.target.closest("[data-handle]");
    if (!handle || event.button !== 0) return;
    const item = editor.state.items.find((candidate) => candidate.uid === editor.state.selected);
    if (!item) return;
    const kind = handle.dataset.handle === "rotate" ? "rotate" : "resize";
    begin(event, handle, kind, item, { corner: handle.dataset.handle });
  });

  for (const target of [stage, frame]) {
    target.addEventListener("pointermove", update);
    target.addEventListener("pointerup", end);
    target.addEventListener("pointercancel", end);
  }

  return {
    render,
    focusItem,
    // Where a pointer is on the canvas, in canvas units, or null when it is outside.
    pointAt(clientX, clientY) {
      const [x, y] = toCanvas(clientX, clientY);
      return x >= 0 && x <= 1 && y >= 0 && y <= 1 ? [x, y] : null;
    },
    setDropTarget(isOver) {
      root.classList.toggle("is-drop-target", isOver);
    },
  };
}
