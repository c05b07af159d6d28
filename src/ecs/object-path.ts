/**
 * Reading and removing members of nested JSON objects that a mapping keeps whole (a `flattened` field such
 * as Workers' `Event`), by a path of keys. Arrays are not traversed.
 */

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The value at `path`, or undefined when a step is missing or not an object.
 *
 * @example valueAt({ request: { method: "GET" } }, ["request", "method"]) → "GET"
 */
export function valueAt(object: unknown, path: readonly string[]): unknown {
  let node = object;
  for (const key of path) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Deletes the member at `path` in place, if there is one; parents left empty stay for pruning to remove. */
export function removeAt(object: unknown, path: readonly string[]): void {
  const parent = valueAt(object, path.slice(0, -1));
  if (isObject(parent)) delete parent[path[path.length - 1]!];
}
