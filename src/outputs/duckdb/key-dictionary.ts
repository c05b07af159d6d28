import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from './columns.js';

/**
 * Dictionary encoding of IP columns, for the dashboards.
 *
 * "Top client IPs" and "distinct client IPs" over a day of a busy zone group millions of rows by hundreds
 * of thousands of strings, which takes DuckDB half a second on two cores. Every scalar IP column therefore
 * has a companion column `_key.<field>` holding a small integer per distinct value, from one dictionary
 * (`key_values`) shared by all IP columns of all datasets, numbered densely from 1. Grouping by a dense
 * integer lets DuckDB use its perfect hash aggregate (an array indexed by the value) instead of a hash
 * table: five to ten times faster (see `PERFECT_HASH_BITS`). The dashboards group by the key and look the
 * few winning strings up in the dictionary.
 *
 * Ids are assigned while a batch is written, inside its transaction: new values are appended to the
 * dictionary with the batch and vanish with it on rollback. While the dictionary is small enough
 * (`CACHE_LIMIT` values, ~20 MB) all of it is held in memory, so a value not in the cache is known to be
 * new; beyond that the cache keeps recent values and misses are looked up (a scan of the dictionary, which
 * cost 60 % of the key work per batch when it was done for every miss).
 */
export const KEY_TABLE = 'key_values';

/** The companion column of a keyed field. Columns starting with `_` are never document fields. */
export const keyColumnName = (field: string) => `_key.${field}`;

/**
 * `perfect_ht_threshold` for dashboard reads: grouping by a key whose range spans up to 2^20 values (a
 * dictionary of a million IPs) uses an array of that size (8 MB per thread for a count); beyond it DuckDB
 * falls back to hashing, which is slower but just as correct.
 */
export const PERFECT_HASH_BITS = 20;

const CACHE_LIMIT = 200_000;

export class KeyDictionary {
  private readonly cache = new Map<string, number>();
  /** Whether the cache holds the whole dictionary. */
  private complete = false;
  private nextId = 1;

  private constructor(private readonly cacheLimit: number) {}

  static async open(connection: DuckDBConnection, cacheLimit = CACHE_LIMIT): Promise<KeyDictionary> {
    await connection.run(`CREATE TABLE IF NOT EXISTS ${KEY_TABLE} (value VARCHAR NOT NULL, id UINTEGER NOT NULL)`);
    const dictionary = new KeyDictionary(cacheLimit);
    await dictionary.load(connection);
    return dictionary;
  }

  /** Reads the next id, and the whole dictionary into the cache when it fits. */
  private async load(connection: DuckDBConnection): Promise<void> {
    this.cache.clear();
    const size = await connection.runAndReadAll(`SELECT count(*), coalesce(max(id), 0) + 1 FROM ${KEY_TABLE}`);
    const [count, next] = size.getRows()[0]!;
    this.nextId = Number(next);
    this.complete = Number(count) <= this.cacheLimit;
    if (!this.complete) return;
    const all = await connection.runAndReadAll(`SELECT value, id FROM ${KEY_TABLE}`);
    for (const [value, id] of all.getRows()) this.cache.set(value as string, Number(id));
  }

  /**
   * The ids of `values`, adding the new ones to the dictionary. Runs inside the caller's write
   * transaction; call `committed` or `rolledBack` once it ends.
   */
  async resolve(connection: DuckDBConnection, values: Iterable<string>): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const misses: string[] = [];
    for (const value of values) {
      const id = this.cache.get(value);
      if (id !== undefined) ids.set(value, id);
      else if (!ids.has(value)) misses.push(value);
    }
    if (misses.length === 0) return ids;
    if (!this.complete) {
      const found = await connection.runAndReadAll(
        `SELECT value, id FROM ${KEY_TABLE} WHERE value IN (SELECT unnest($values))`,
        { values: listValue(misses) },
        { values: LIST(VARCHAR) },
      );
      for (const [value, id] of found.getRows()) ids.set(value as string, Number(id));
    }
    const fresh = misses.filter((value) => !ids.has(value));
    if (fresh.length > 0) {
      const appender = await connection.createAppender(KEY_TABLE);
      try {
        for (const value of fresh) {
          appender.appendVarchar(value);
          appender.appendUInteger(this.nextId);
          appender.endRow();
          ids.set(value, this.nextId++);
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    }
    return ids;
  }

  /** The batch that used `ids` is stored: remember them. */
  committed(ids: Map<string, number>): void {
    if (this.cache.size + ids.size > this.cacheLimit) {
      this.cache.clear();
      this.complete = false;
    }
    for (const [value, id] of ids) this.cache.set(value, id);
  }

  /**
   * The batch was rolled back, and with it the values it added (never cached): number from the stored
   * maximum again.
   */
  async rolledBack(connection: DuckDBConnection): Promise<void> {
    this.nextId = await nextIdOf(connection);
  }

  /**
   * Fills the key columns of a table where they are empty but the field is not: rows stored before the
   * column existed (an older version), or written by plain SQL. Runs in one transaction of its own;
   * returns the number of rows updated.
   */
  async fill(connection: DuckDBConnection, table: string, fields: readonly string[]): Promise<number> {
    if (fields.length === 0) return 0;
    // One scan of the table (this runs at every start) tells which fields have rows to key.
    const missing = (field: string) => `${quoteIdent(keyColumnName(field))} IS NULL AND ${quoteIdent(field)} IS NOT NULL`;
    const counts = await connection.runAndReadAll(`SELECT ${fields.map((f) => `count(*) FILTER (WHERE ${missing(f)})`).join(', ')} FROM ${table}`);
    const pending = fields.filter((_, i) => Number(counts.getRows()[0]![i]) > 0);
    if (pending.length === 0) return 0;
    let updated = 0;
    await connection.run('BEGIN TRANSACTION');
    try {
      for (const field of pending) {
        const column = quoteIdent(field);
        const key = quoteIdent(keyColumnName(field));
        const next = await nextIdOf(connection);
        await connection.run(`INSERT INTO ${KEY_TABLE}
          SELECT value, (${next} + row_number() OVER (ORDER BY value) - 1)::UINTEGER FROM (
            SELECT DISTINCT ${column} AS value FROM ${table} t WHERE ${missing(field)}
              AND NOT EXISTS (SELECT 1 FROM ${KEY_TABLE} k WHERE k.value = t.${column}))`);
        const result = await connection.run(`UPDATE ${table} SET ${key} = k.id FROM ${KEY_TABLE} k
          WHERE ${table}.${key} IS NULL AND ${table}.${column} = k.value`);
        updated += Number(result.rowsChanged);
      }
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // The dictionary changed (or a rollback undid a change): cache and next id from the table again.
      await this.load(connection);
    }
    return updated;
  }
}

async function nextIdOf(connection: DuckDBConnection): Promise<number> {
  const result = await connection.runAndReadAll(`SELECT coalesce(max(id), 0) + 1 FROM ${KEY_TABLE}`);
  return Number(result.getRows()[0]![0]);
}
