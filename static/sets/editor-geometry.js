// Item geometry in canvas units (the canvas is a square of side 1), as sets/models.py
// defines it: x, y = top-left of the box, width, height, rotation in degrees
// clockwise about the box centre, flip_h mirrors the image. Pure functions only.

export const NEW_ITEM_SIZE = 0.34; // the longer side of a newly added item
const NUDGE = 0.01;

let limits = { sizeMin: 0.02, sizeMax: 1, positionMin: -1, positionMax: 1 };

export function setLimits(serverLimits) {
  limits = { ...limits, ...serverLimits };
}

function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}

export function normaliseRotation(degrees) {
  const rotation = ((degrees % 360) + 360) % 360;
  return rotation >= 360 ? 0 : rotation;
}

// Keep the centre on the canvas (the server insists, so an item can always be grabbed).
export function keepOnCanvas(item) {
  const cx = clamp(item.x + item.width / 2, 0, 1);
  const cy = clamp(item.y + item.height / 2, 0, 1);
  item.x = clamp(cx - item.width / 2, limits.positionMin, limits.positionMax);
  item.y = clamp(cy - item.height / 2, limits.positionMin, limits.positionMax);
  return item;
}

// A box of the image's aspect, its longer side NEW_ITEM_SIZE, centred on (cx, cy).
export function newBox(aspect, cx, cy) {
  const ratio = aspect > 0 && Number.isFinite(aspect) ? aspect : 1;
  let width = ratio >= 1 ? NEW_ITEM_SIZE : NEW_ITEM_SIZE * ratio;
  let height = ratio >= 1 ? NEW_ITEM_SIZE / ratio : NEW_ITEM_SIZE;
  const grow = Math.max(1, limits.sizeMin / Math.min(width, height));
  width *= grow;
  height *= grow;
  return keepOnCanvas({ x: cx - width / 2, y: cy - height / 2, width, height });
}

export function moveBy(item, dx, dy) {
  item.x += dx;
  item.y += dy;
  return keepOnCanvas(item);
}

export function nudge(item, key, far) {
  const step = far ? NUDGE * 10 : NUDGE;
  const moves = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, -step],
    ArrowDown: [0, step],
  };
  const [dx, dy] = moves[key];
  return moveBy(item, dx, dy);
}

// The factor that keeps both sides inside the size limits.
function allowedScale(item, scale) {
  const low = limits.sizeMin / Math.min(item.width, item.height);
  const high = limits.sizeMax / Math.max(item.width, item.height);
  return clamp(scale, low, high);
}

// Scale about the centre (keyboard and buttons).
export function scaleBy(item, factor) {
  const scale = allowedScale(item, factor);
  const cx = item.x + item.width / 2;
  const cy = item.y + item.height / 2;
  item.width *= scale;
  item.height *= scale;
  item.x = cx - item.width / 2;
  item.y = cy - item.height / 2;
  return keepOnCanvas(item);
}

function rotate([x, y], degrees) {
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  return [x * cos - y * sin, x * sin + y * cos];
}

// Where ``point`` (canvas units) falls on the item's unrotated, unmirrored box, as
// fractions of its width and height (0..1 inside), or null when it is outside.
// The box is drawn mirrored first and then rotated, so undo the rotation, then the
// mirror.
export function pointInBox(item, point) {
  const cx = item.x + item.width / 2;
  const cy = item.y + item.height / 2;
  let [dx, dy] = rotate([point[0] - cx, point[1] - cy], -item.rotation);
  if (item.flip_h) dx = -dx;
  const u = dx / item.width + 0.5;
  const v = dy / item.height + 0.5;
  return u >= 0 && u <= 1 && v >= 0 && v <= 1 ? [u, v] : null;
}

// Where a box point (fractions, as pointInBox gives) falls on an image of the
// given aspect drawn with ``object-fit: contain``, as fractions of the image, or
// null in the empty bands beside it.
export function pointOnContainedImage(item, [u, v], imageAspect) {
  const boxAspect = item.width / item.height;
  let [s, t] = [u, v];
  if (imageAspect > boxAspect) t = 0.5 + (v - 0.5) * (imageAspect / boxAspect);
  else s = 0.5 + (u - 0.5) * (boxAspect / imageAspect);
  return s >= 0 && s <= 1 && t >= 0 && t <= 1 ? [s, t] : null;
}

// Resize from a corner with the aspect kept: the opposite corner stays where it is
// and the dragged corner follows the pointer along the box's diagonal, rotation
// included. ``start`` is the item as it was when the drag began, ``corner`` one of
// nw, ne, se, sw, and ``point`` the pointer in canvas units.
export function resizeFromCorner(item, start, corner, point) {
  const sx = corner.includes("e") ? 1 : -1;
  const sy = corner.includes("s") ? 1 : -1;
  const cx = start.x + start.width / 2;
  const cy = start.y + start.height / 2;
  const [hx, hy] = rotate([(sx * start.width) / 2, (sy * start.height) / 2], start.rotation);
  const anchor = [cx - hx, cy - hy];
  const diagonal = [2 * hx, 2 * hy];
  const toPointer = [point[0] - anchor[0], point[1] - anchor[1]];
  const length = diagonal[0] ** 2 + diagonal[1] ** 2;
  const along = (toPointer[0] * diagonal[0] + toPointer[1] * diagonal[1]) / length;
  const scale = allowedScale(start, along);
  item.width = start.width * scale;
  item.height = start.height * scale;
  const centre = [anchor[0] + (diagonal[0] * scale) / 2, anchor[1] + (diagonal[1] * scale) / 2];
  item.x = centre[0] - item.width / 2;
  item.y = centre[1] - item.height / 2;
  return keepOnCanvas(item);
}

// The angle that points the rotate handle (above the box) at the pointer.
export function rotationTowards(item, point, snap) {
  const cx = item.x + item.width / 2;
  const cy = item.y + item.height / 2;
  const degrees = (Math.atan2(point[1] - cy, point[0] - cx) * 180) / Math.PI + 90;
  const step = snap ? 15 : 1;
  return normaliseRotation(Math.round(degrees / step) * step);
}

// A copy a little down and to the right, so the shopper sees that it is there.
export function offsetCopy(item) {
  return keepOnCanvas({ ...item, x: item.x + 0.03, y: item.y + 0.03 });
}
