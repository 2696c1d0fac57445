// The square canvas: draws the items from the editor's state and turns pointer
// drags on items and handles into moves, resizes and rotations. Mouse, pen and
// touch all arrive as pointer events.
import { moveBy, resizeFromCorner, rotationTowards } from "./editor-geometry.js";

const percent = (value) => `${(value * 100).toFixed(4)}%`;

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

  stage.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    const element = event.target.closest(".editor-item");
    if (!element) {
      editor.select(null);
      return;
    }
    const item = editor.state.items.find((candidate) => candidate.uid === element.dataset.uid);
    if (!item) return;
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
