import type { ListingCursor } from './object-state.js';

/**
 * Where a listing run starts. Listing a whole prefix every interval gets slow and costly as a bucket
 * grows (10^5–10^6 objects a year per dataset), so most runs are *tail* runs: they start after the cursor,
 * which trails the newest key by `lookback_keys` keys. Every `sweep_interval` a *sweep* re-lists from
 * further back, as a safety net for objects that appear late under a key that sorts well before the
 * cursor (Cloudflare names objects by batch start time, and uploads are not in order):
 *
 * - when the keys carry Cloudflare's daily folder right under the prefix (`<prefix>20260101/…`, or
 *   `<prefix>dt=20260101/…`), a sweep starts at the folder of `now − sweep_horizon`, because date folders
 *   sort by date. Done objects before that point will never be listed again, so their state is forgotten
 *   (the state stays bounded);
 * - otherwise a sweep lists the whole prefix.
 */
export interface ListingPlan {
  readonly startAfter: string;
  readonly sweep: boolean;
  /** After a dated sweep: done objects sorting before this key can be forgotten. */
  readonly forgetBefore?: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `20260102` from a date. */
export function yyyymmdd(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

/** The part of a key between the prefix and its YYYYMMDD folder (`''`, `dt=`), when it has one. */
export function dateFolderPrefix(prefix: string, key: string): string | undefined {
  const match = new RegExp(`^${escape(prefix)}([^/]*?)(\\d{4})(\\d{2})(\\d{2})/`).exec(key);
  if (match === null) return undefined;
  const [, lead, year, month, day] = match;
  const valid = Number(year) >= 2000 && Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31;
  return valid ? lead : undefined;
}

export function planListing(
  prefix: string,
  saved: ListingCursor | undefined,
  now: Date,
  settings: { readonly sweepIntervalMs: number; readonly sweepHorizonMs: number },
): ListingPlan {
  const cursor = saved?.startAfter ?? '';
  const sweepDue = saved === undefined || saved.sweptAt === null || now.getTime() - saved.sweptAt.getTime() >= settings.sweepIntervalMs;
  if (!sweepDue) return { startAfter: cursor, sweep: false };
  const lead = dateFolderPrefix(prefix, cursor);
  if (lead === undefined) return { startAfter: '', sweep: true };
  const horizon = `${prefix}${lead}${yyyymmdd(new Date(now.getTime() - settings.sweepHorizonMs))}`;
  // Never start after the cursor: keys between an old cursor and the horizon have not been listed yet.
  const startAfter = horizon < cursor ? horizon : cursor;
  return { startAfter, sweep: true, forgetBefore: startAfter };
}
