/**
 * Key rewriting for nested Cloudflare objects (`Event`, `Exceptions`, `Logs` of Workers trace events), as
 * the reference pipeline's script does it: an `_` between a lower-case letter and the upper-case run that
 * follows it, then the whole key lower-cased. Values are never changed.
 *
 * This differs from the unknown-key rule (`toSnakeCase` in datasets/map.ts) on purpose: the reference
 * splits only after a lower-case letter, so `isEUCountry` becomes `is_eucountry`, not `is_eu_country`.
 */

/**
 * @example snakeCaseKey("RayID") → "ray_id"; snakeCaseKey("scheduledTime") → "scheduled_time";
 *   snakeCaseKey("X-Forwarded-For") → "x-forwarded-for"
 */
export function snakeCaseKey(key: string): string {
  let name = SNAKE_CASE.get(key);
  if (name === undefined) {
    name = key.replace(/([a-z])([A-Z]+)/g, '$1_$2').toLowerCase();
    // The same few dozen keys recur in every event; bound the cache against odd input.
    if (SNAKE_CASE.size >= 10_000) SNAKE_CASE.clear();
    SNAKE_CASE.set(key, name);
  }
  return name;
}

const SNAKE_CASE = new Map<string, string>();

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A copy with the keys of every object rewritten, at any depth, including objects that are direct
 * elements of an array; objects in an array inside an array are left as they are (the reference script
 * does not reach them). When two keys map to the same new key, the later one wins.
 *
 * @example snakeCaseKeys({ RayID: "7e", Request: { URL: "http://x/" } }) → { ray_id: "7e", request: { url: "http://x/" } }
 */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((element) => (isObject(element) ? rewriteObject(element) : element));
  return isObject(value) ? rewriteObject(value) : value;
}

function rewriteObject(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const name = snakeCaseKey(key);
    const value = snakeCaseKeys(object[key]);
    // A plain assignment to "__proto__" would change the prototype instead; defineProperty costs more, so
    // only there.
    if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    else out[name] = value;
  }
  return out;
}
