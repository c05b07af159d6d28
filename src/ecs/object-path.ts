/**
 * Reading and leaving out members of nested JSON objects that a mapping keeps whole (a `flattened` field such
 * as Workers' `Event`), by a path of keys. Arrays are not traversed.
 */

export function isObject(value: unknown): value is Record<string, unknown> {
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

/** Members to leave out, by key: `true` for the member itself, a nested tree for members inside it. */
export interface OmitTree {
  readonly [key: string]: true | OmitTree;
}

/** The tree of the given paths: `[['a'], ['b', 'c']]` → `{ a: true, b: { c: true } }`. */
export function omitTree(paths: readonly (readonly string[])[]): OmitTree {
  const tree: Record<string, true | OmitTree> = Object.create(null);
  for (const path of paths) {
    let node = tree;
    path.forEach((key, i) => {
      if (i === path.length - 1) node[key] = true;
      else {
        const child = node[key];
        node = (child === undefined || child === true ? (node[key] = Object.create(null)) : child) as Record<string, true | OmitTree>;
      }
    });
  }
  return tree;
}

/**
 * A copy of `object` without the members the tree names, copying only the objects on the way to them;
 * an object left empty is left out too, as pruning would. Not `delete` on the object itself: that turns
 * it into a slow dictionary, and every later read (pruning, JSON.stringify) pays.
 *
 * @example withoutPaths({ id: 1, request: { url: "u", method: "GET" }, x: 2 }, omitTree([["id"], ["request", "url"], ["request", "method"]])) → { x: 2 }
 */
export function withoutPaths(object: Record<string, unknown>, omit: OmitTree): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const rule = omit[key];
    let value = object[key];
    if (rule === true) continue;
    if (rule !== undefined && isObject(value)) {
      value = withoutPaths(value, rule);
      if (Object.keys(value as object).length === 0) continue;
    }
    // A plain assignment to "__proto__" would change the prototype instead.
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
