/**
 * `text.charCodeAt(i)` for the per-character loops on the hot path (output writing, URL, timestamp and
 * IP scanning).
 *
 * Why not the method: `text.charCodeAt` first loads the property `charCodeAt` from the string, and V8
 * keeps that load's feedback per map of the receiver. The strings of a mapped document come in half a
 * dozen maps (flat, internalised, concatenated, sliced, one- or two-byte), so the load goes
 * megamorphic: a stub-cache lookup on every character, which tripled the cost of writing a document's
 * strings here. Calling the function itself through `call` has no receiver-dependent load, and the
 * optimiser still inlines it to a plain character load. For the same reason loops read `text.length`
 * once, before they start.
 */
const stringCharCodeAt = String.prototype.charCodeAt;

export function charCodeAt(text: string, index: number): number {
  return stringCharCodeAt.call(text, index);
}
