/**
 * A cache of what was worked out from a string, for strings that traffic repeats (a sinkhole's beacon
 * URLs: a few dozen among thousands of records), that steps aside where they do not repeat.
 *
 * Why the stepping aside: a lookup costs a hash of the whole string (the record's string is new, so its
 * hash is computed each time) and, on a miss, an insertion; where nearly every string is new (URLs with
 * query strings), that is pure cost. So hits are counted over each window of lookups, and after a window
 * with few hits the cache is emptied and not used for the next `RESTING_LOOKUPS` calls, then tried again.
 */
export class RepeatCache<V> {
  private readonly entries = new Map<string, V>();
  private lookups = 0;
  private hits = 0;
  /** Calls left until the cache is tried again (0: in use). */
  private resting = 0;

  constructor(private readonly capacity = 4096) {}

  /**
   * Whether lookups are worth making now. A caller that gets false works the value out without the
   * cache (and does not `set` it).
   */
  inUse(): boolean {
    if (this.resting === 0) return true;
    this.resting--;
    return false;
  }

  /** The value kept for `key`, or undefined. Only while `inUse()`. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) this.hits++;
    if (++this.lookups === WINDOW) {
      if (this.hits < WINDOW * MIN_HIT_SHARE) {
        this.entries.clear();
        this.resting = RESTING_LOOKUPS;
      }
      this.lookups = 0;
      this.hits = 0;
    }
    return value;
  }

  set(key: string, value: V): void {
    // Full: start again (the strings that repeat come back at once).
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, value);
  }
}

const WINDOW = 1024;
/** Below this share of hits in a window, lookups cost more than they save (a miss costs about what a hit saves). */
const MIN_HIT_SHARE = 0.5;
const RESTING_LOOKUPS = 65_536;
