const DIGITS = /^\d+$/;

/**
 * `event.outcome` from a DNS response code (RCODE), as the Gateway DNS pipeline sets it: `0` (NOERROR) is
 * `"success"`, any positive code `"failure"`; a missing, negative or non-numeric code gives no outcome.
 * The pipeline compares numerically and fails on a digit string; reading `"3"` as `3` is our deliberate
 * deviation, so that a job sending codes as text still gets an outcome.
 *
 * @example outcomeOfRCode(0) → "success"; outcomeOfRCode("3") → "failure"; outcomeOfRCode(null) → undefined
 */
export function outcomeOfRCode(code: unknown): 'success' | 'failure' | undefined {
  const value = typeof code === 'string' && DIGITS.test(code) ? Number(code) : code;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) return undefined;
  return value === 0 ? 'success' : 'failure';
}
