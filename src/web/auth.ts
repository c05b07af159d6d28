import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time secret comparison. Both sides are hashed first so that the comparison takes the same
 * time whatever the lengths (timingSafeEqual itself needs equal lengths and would leak the length).
 */
export function secretMatches(presented: string | undefined, accepted: readonly string[]): boolean {
  if (presented === undefined) return false;
  const digest = createHash('sha256').update(presented).digest();
  let match = false;
  for (const secret of accepted) {
    // No early exit: every configured secret is compared.
    if (timingSafeEqual(digest, createHash('sha256').update(secret).digest())) match = true;
  }
  return match;
}
