/**
 * JSON parsing of one Logpush line without precision loss. Node 20's JSON.parse reads every number as a
 * double, which corrupts Unix-nanosecond timestamps (> 2^53). Integer tokens beyond 2^53 are therefore
 * turned into digit strings before parsing; the timestamp and long conversions accept digit strings.
 * The scan runs only when a line contains such a digit run, so ordinary lines cost one regex test.
 */
// A number token starts after `:`, `,` or `[`: anchoring on those makes the common-case test cheap.
const LONG_DIGIT_RUN = /[:,[]\s*-?\d{16}/;

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
  return JSON.parse(LONG_DIGIT_RUN.test(line) ? quoteBigIntegers(line) : line);
}
