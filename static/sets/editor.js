// The set editor at /sets/new/ and /sets/<slug>/edit/.
//
// Everything the editor knows is in one plain object, ``state``; render() draws
// the page from it. Undo and redo swap ``state.items`` for snapshots
// (editor-history.js). Changes are saved through the sets API a moment after the
// shopper stops, with the version the change started from, so a second tab gets a
// conflict message instead of overwriting this one.
import { ApiError, createApi } from "./editor-api.js";
import { createCanvas } from "./editor-canvas.js";
import {
  newBox,
  normaliseRotation,
  nudge,
  offsetCopy,
  scaleBy,
  setLimits,
} from "./editor-geometry.js";
import { createHistory } from "./editor-history.js";
import { createPanel } from "./editor-panel.js";

const SAVE_DELAY_MS = 700;
const RETRY_DELAY_MS = 5000;
const SLUG = "__slug__";
const ROTATE_STEP = 15;
const CONFLICT_MESSAGE =
  "This set was changed in another tab or window — reload to get the latest. " +
  "Your changes here since then are not saved.";

let nextUid = 1;

function itemFromApi(item) {
  return {
    uid: `item-${nextUid++}`,
    product: item.product,
    title: item.product_title,
    image: item.cutout || item.thumb || "",
    isActive: item.is_active,
    x: item.x,
    y: item.y,
    width: item.width,
    height: item.height,
    rotation: item.rotation,
    flip_h: item.flip_h,
  };
}

function itemToApi(item) {
  const { product, x, y, width, height, rotation, flip_h } = item;
  return { product, x, y, width, height, rotation, flip_h };
}

// DRF nests a list field's errors by position ({"3": ["Too long."]}): flatten them.
function messagesIn(errors) {
  if (!errors) return [];
  if (typeof errors === "string") return [errors];
  return Object.values(errors).flatMap(messagesIn);
}

const aspects = new Map();

// The picture's width over its height, so a new item's box fits its cut-out.
async function imageAspect(url) {
  if (!aspects.has(url)) {
    const image = new Image();
    image.src = url;
    aspects.set(
      url,
      image
        .decode()
        .then(() => image.naturalWidth / image.naturalHeight)
        .catch(() => 1),
    );
  }
  return aspects.get(url);
}

export function init(root, data) {
  setLimits(data.limits);
  const api = createApi(data.csrfToken);
  const history = createHistory();
  const board = data.set;
  const state = {
    slug: board?.slug || null,
    version: board?.version || null,
    status: board?.status || "draft",
    title: board?.title || "",
    description: board?.description || "",
    tags: (board?.tags || []).join(", "),
    items: (board?.items || []).map(itemFromApi),
    selected: null,
  };
  const save = { timer: null, running: null, dirty: false, conflict: false, leaving: false };

  const find = (selector) => root.querySelector(selector);
  const statusText = find("[data-save-status]");
  const heading = find("[data-heading]");
  const alertBox = find("[data-alert]");
  const announcer = find("[data-announce]");
  const itemCount = find("[data-item-count]");
  const canvasRoot = find("[data-canvas]");
  const publishButton = find('[data-action="publish"]');
  const url = (name) => data.urls[name].replace(SLUG, state.slug);

  // ---------- drawing ----------
  function selectedIndex() {
    return state.items.findIndex((item) => item.uid === state.selected);
  }

  function render() {
    canvas.render(state);
    const index = selectedIndex();
    const hasItem = index >= 0;
    const enable = {
      undo: history.canUndo,
      redo: history.canRedo,
      "rotate-left": hasItem,
      "rotate-right": hasItem,
      flip: hasItem,
      forward: hasItem && index < state.items.length - 1,
      backward: hasItem && index > 0,
      duplicate: hasItem,
      delete: hasItem,
    };
    for (const [action, isEnabled] of Object.entries(enable)) {
      find(`[data-toolbar] [data-action="${action}"]`).disabled = !isEnabled;
    }
    const selection = find("[data-selection-label]");
    selection.textContent = hasItem ? state.items[index].title : "Select an item to edit it";
    selection.classList.toggle("has-item", hasItem);
    const count = state.items.length;
    itemCount.textContent = `${count} of ${data.limits.items} items`;
    heading.textContent = state.title.trim() || (state.slug ? "Untitled set" : "New set");
  }

  function announce(message) {
    announcer.textContent = message;
  }

  function showAlert(message, { reload = false } = {}) {
    alertBox.querySelector("[data-alert-text]").textContent = message;
    alertBox.querySelector('[data-action="reload"]').hidden = !reload;
    alertBox.hidden = false;
  }

  function hideAlert() {
    if (!save.conflict) alertBox.hidden = true;
  }

  // ``saveState`` is "saving", "saved" or "error"; the dot beside the text shows it.
  function setStatus(text, saveState) {
    statusText.textContent = text;
    statusText.dataset.state = saveState;
  }

  function showFieldErrors(errors) {
    for (const element of root.querySelectorAll("[data-error-for]")) {
      const name = element.dataset.errorFor;
      const text = messagesIn(errors[name]).join(" ");
      element.textContent = text;
      element.closest(".field").classList.toggle("field--error", Boolean(text));
      find(`[data-input="${name}"]`).setAttribute("aria-invalid", String(Boolean(text)));
    }
  }

  // ---------- changing the items ----------
  const editor = {
    state,
    select(uid) {
      state.selected = uid;
      render();
    },
    live: render,
    commit(before, mergeKey = null) {
      history.record(before, mergeKey);
      render();
      changed();
    },
  };

  function change(mutate, mergeKey = null) {
    const before = structuredClone(state.items);
    mutate();
    editor.commit(before, mergeKey);
  }

  function selectedItem() {
    return state.items[selectedIndex()] || null;
  }

  function atLimit() {
    if (state.items.length < data.limits.items) return false;
    showAlert(
      `A set can hold at most ${data.limits.items} items. Remove one to add another.`,
    );
    announce(`The set is full: at most ${data.limits.items} items.`);
    return true;
  }

  async function addProduct(product, point) {
    if (save.conflict || atLimit()) return;
    const image = product.cutout || product.image;
    const aspect = await imageAspect(image);
    if (atLimit()) return;
    // Added with the button: near the middle, each a little lower than the last.
    const step = (state.items.length % 5) * 0.04;
    const [cx, cy] = point || [0.5 + step, 0.5 + step];
    const item = {
      uid: `item-${nextUid++}`,
      product: product.id,
      title: product.title,
      image,
      isActive: true,
      rotation: 0,
      flip_h: false,
      ...newBox(aspect, cx, cy),
    };
    change(() => {
      state.items.push(item);
      state.selected = item.uid;
    });
    hideAlert();
    announce(`Added ${product.title}. ${state.items.length} items in the set.`);
  }

  function restore(items) {
    state.items = items;
    if (!items.some((item) => item.uid === state.selected)) state.selected = null;
    render();
    changed();
  }

  function undo() {
    const items = history.undo(state.items);
    if (items) {
      restore(items);
      announce("Undone.");
    }
  }

  function redo() {
    const items = history.redo(state.items);
    if (items) {
      restore(items);
      announce("Redone.");
    }
  }

  function removeSelected() {
    const index = selectedIndex();
    if (index < 0) return;
    const [removed] = state.items.slice(index, index + 1);
    change(() => {
      state.items.splice(index, 1);
      const next = state.items[Math.min(index, state.items.length - 1)];
      state.selected = next ? next.uid : null;
    });
    if (state.selected) canvas.focusItem(state.selected);
    else canvasRoot.focus();
    announce(`Removed ${removed.title}.`);
  }

  function restack(offset) {
    const index = selectedIndex();
    const target = index + offset;
    if (index < 0 || target < 0 || target >= state.items.length) return;
    change(() => {
      const [item] = state.items.splice(index, 1);
      state.items.splice(target, 0, item);
    });
    announce(offset > 0 ? "Brought forward." : "Sent backward.");
  }

  function duplicateSelected() {
    const item = selectedItem();
    if (!item || atLimit()) return;
    const copy = { ...offsetCopy(item), uid: `item-${nextUid++}` };
    change(() => {
      state.items.splice(selectedIndex() + 1, 0, copy);
      state.selected = copy.uid;
    });
    canvas.focusItem(copy.uid);
    announce(`Duplicated ${item.title}.`);
  }

  function rotateSelected(degrees) {
    const item = selectedItem();
    if (!item) return;
    change(() => {
      item.rotation = normaliseRotation(item.rotation + degrees);
    }, `rotate:${item.uid}`);
  }

  const actions = {
    undo,
    redo,
    "rotate-left": () => rotateSelected(-ROTATE_STEP),
    "rotate-right": () => rotateSelected(ROTATE_STEP),
    flip: () => {
      const item = selectedItem();
      if (item) change(() => (item.flip_h = !item.flip_h));
    },
    forward: () => restack(1),
    backward: () => restack(-1),
    duplicate: duplicateSelected,
    delete: removeSelected,
    publish,
    reload: () => {
      save.leaving = true;
      window.location.reload();
    },
  };

  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (button && !button.disabled) actions[button.dataset.action]();
  });

  document.addEventListener("keydown", (event) => {
    const isTyping = event.target.closest?.("input, textarea, select, [contenteditable]");
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !isTyping) {
      if (key === "z" || key === "y") {
        event.preventDefault();
        if (key === "y" || event.shiftKey) redo();
        else undo();
      }
      return;
    }
    // Item keys act when the canvas (or nothing in particular) has the focus.
    const isOnCanvas = canvasRoot.contains(event.target) || event.target === document.body;
    const item = selectedItem();
    if (isTyping || !isOnCanvas || !item || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.startsWith("Arrow")) {
      change(() => nudge(item, event.key, event.shiftKey), `move:${item.uid}`);
    } else if (event.key === "Delete" || event.key === "Backspace") {
      removeSelected();
    } else if (event.key === "+" || event.key === "=") {
      change(() => scaleBy(item, 1.05), `size:${item.uid}`);
    } else if (event.key === "-" || event.key === "_") {
      change(() => scaleBy(item, 1 / 1.05), `size:${item.uid}`);
    } else if (event.key === "]" || event.key === "[") {
      rotateSelected(event.key === "]" ? ROTATE_STEP : -ROTATE_STEP);
    } else if (event.key === "Escape") {
      editor.select(null);
      canvasRoot.focus();
    } else {
      return;
    }
    event.preventDefault();
  });

  // A focused item is the selected one, so Tab and the keys work together.
  canvasRoot.addEventListener("focusin", (event) => {
    const element = event.target.closest(".editor-item");
    if (element && element.dataset.uid !== state.selected) editor.select(element.dataset.uid);
  });

  for (const input of root.querySelectorAll("[data-input]")) {
    input.addEventListener("input", () => {
      state[input.dataset.input] = input.value;
      render();
      changed();
    });
  }

  // ---------- saving ----------
  function changed() {
    if (save.conflict) return;
    save.dirty = true;
    setStatus("Saving…", "saving");
    clearTimeout(save.timer);
    save.timer = setTimeout(flush, SAVE_DELAY_MS);
  }

  function payload() {
    return {
      title: state.title,
      description: state.description,
      tags: state.tags.split(",").map((tag) => tag.trim()).filter(Boolean),
      items: state.items.map(itemToApi),
    };
  }

  async function send() {
    const body = payload();
    if (!state.slug) {
      const created = await api.post(data.urls.sets, body);
      state.slug = created.slug;
      state.version = created.version;
      window.history.replaceState(null, "", url("edit"));
    } else {
      const saved = await api.patch(url("set"), { ...body, version: state.version });
      state.version = saved.version;
    }
  }

  function saveFailed(error) {
    // A 409 with the current version is a stale copy; other 409s are the set's state.
    if (error instanceof ApiError && error.status === 409 && "current_version" in error.body) {
      save.conflict = true;
      publishButton.disabled = true;
      setStatus("Not saved", "error");
      showAlert(CONFLICT_MESSAGE, { reload: true });
      announce(CONFLICT_MESSAGE);
    } else if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
      setStatus(`Not saved: ${error.message}`, "error");
      showFieldErrors(error.errors);
      if (!["title", "description", "tags"].some((name) => name in error.errors)) {
        showAlert(error.message);
      }
    } else {
      // The shop is unreachable or failed: keep the change and try again later.
      save.dirty = true;
      setStatus(`Not saved: ${error.message} Trying again…`, "error");
      clearTimeout(save.timer);
      save.timer = setTimeout(flush, RETRY_DELAY_MS);
    }
  }

  async function saveWhileDirty() {
    while (save.dirty && !save.conflict) {
      save.dirty = false;
      try {
        await send();
      } catch (error) {
        saveFailed(error);
        return false;
      }
      showFieldErrors({});
      hideAlert();
    }
    if (save.conflict) return false;
    setStatus("Saved", "saved");
    return true;
  }

  // Saves now whatever is waiting; resolves to true once everything is saved.
  function flush() {
    clearTimeout(save.timer);
    save.timer = null;
    if (!save.running) {
      save.running = saveWhileDirty().finally(() => {
        save.running = null;
      });
    }
    return save.running;
  }

  window.addEventListener("beforeunload", (event) => {
    if (!save.leaving && (save.dirty || save.running)) event.preventDefault();
  });

  // ---------- publishing ----------
  async function publish() {
    if (save.conflict) return;
    if (!state.items.length) {
      showAlert("Add at least one product before publishing the set.");
      return;
    }
    if (!state.title.trim()) {
      showFieldErrors({ title: ["Give your set a title to publish it."] });
      find('[data-input="title"]').focus();
      return;
    }
    const label = publishButton.textContent;
    publishButton.disabled = true;
    publishButton.textContent = state.status === "published" ? "Saving…" : "Publishing…";
    if ((await flush()) && !save.dirty) {
      try {
        await api.post(url("publish"), { version: state.version });
        save.leaving = true;
        window.location.assign(url("page"));
        return;
      } catch (error) {
        saveFailed(error);
      }
    }
    publishButton.textContent = label;
    publishButton.disabled = save.conflict;
  }

  const canvas = createCanvas(canvasRoot, editor);
  createPanel(find(".editor-panel"), {
    api,
    productsUrl: data.urls.products,
    currencySymbol: data.currencySymbol,
    canvas,
    onAdd: addProduct,
  });
  render();
}

const root = document.querySelector("[data-set-editor]");
if (root) init(root, JSON.parse(document.getElementById("set-editor-data").textContent));
