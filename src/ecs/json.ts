/**
 * JSON parsing of one Logpush line without precision loss. Node 20's JSON.parse reads every number as a
 * double, which corrupts Unix-nanosecond timestamps (> 2^53). Integer tokens beyond 2^53 are therefore
 * turned into digit strings before parsing; the timestamp and long conversions accept digit strings.
 * The scan runs only when the parsed value holds a number beyond 2^53 (which is how such a token reads),
 * so ordinary lines cost one walk over the parsed values instead of a second pass over the text.
 */

/** Quotes integer number tokens beyond 2^53 that stand outside strings. */
export function quoteBigIntegers(line: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < line.length && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
      const next = line.charCodeAt(j);
      const isInteger = next !== 46 /* . */ && next !== 101 /* e */ && next !== 69 /* E */;
      if (isInteger && j - i >= 16 && !Number.isSafeInteger(Number(line.slice(i, j)))) {
        out += `${line.slice(last, i)}"${line.slice(i, j)}"`;
        last = j;
      }
      i = j - 1;
    }
  }
  return last === 0 ? line : out + line.slice(last);
}

/** Parses one line; big integers come back as digit strings. Throws SyntaxError on invalid JSON. */
export function parseJsonLine(line: string): unknown {
  const value: unknown = JSON.parse(line);
  return hasUnsafeNumber(value) ? JSON.parse(quoteBigIntegers(line)) : value;
}

/** True when a number anywhere in the value lies beyond ±(2^53 − 1), where doubles stop being exact. */
function hasUnsafeNumber(value: unknown): boolean {
  if (typeof value === 'number') return value > Number.MAX_SAFE_INTEGER || value < -Number.MAX_SAFE_INTEGER;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasUnsafeNumber(value[i])) return true;
    return false;
  }
  for (const key in value) if (hasUnsafeNumber((value as Record<string, unknown>)[key])) return true;
  return false;
}
