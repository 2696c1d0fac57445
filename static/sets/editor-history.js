// Undo and redo as two stacks of snapshots of the set's items.
// A snapshot is taken *before* a change; undo swaps the current items for the last one.
const LIMIT = 100;
const MERGE_MS = 1000;

export function createHistory() {
  const past = [];
  const future = [];
  let lastMerge = null; // {key, time}: repeated nudges of one item make one step

  function copy(items) {
    return structuredClone(items);
  }

  return {
    // Call with the items as they were before a change. Changes that share a
    // ``mergeKey`` within a second (arrow-key nudges) become one undo step.
    record(before, mergeKey = null) {
      const now = Date.now();
      if (mergeKey && lastMerge && lastMerge.key === mergeKey && now - lastMerge.time < MERGE_MS) {
        lastMerge.time = now;
        return;
      }
      lastMerge = mergeKey ? { key: mergeKey, time: now } : null;
      past.push(copy(before));
      if (past.length > LIMIT) past.shift();
      future.length = 0;
    },
    undo(current) {
      if (!past.length) return null;
      lastMerge = null;
      future.push(copy(current));
      return past.pop();
    },
    redo(current) {
      if (!future.length) return null;
      lastMerge = null;
      past.push(copy(current));
      return future.pop();
    },
    get canUndo() {
      return past.length > 0;
    },
    get canRedo() {
      return future.length > 0;
    },
  };
}
