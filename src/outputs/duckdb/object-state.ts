import { DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import type { FailureRecord, ListingCursor, ObjectStateRecord, ObjectStateStore, ObjectStatus } from '../../inputs/object-state.js';

/**
 * The object-storage inputs' state in DuckDB (see inputs/object-state.ts for the contract). Two small
 * tables, one row per object and one per listing prefix; every statement runs in the store's serialised
 * write lane, so state never races a batch commit, and each is one auto-committed statement.
 */
export async function createObjectStateTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE TABLE IF NOT EXISTS object_state (
    source VARCHAR, key VARCHAR, version VARCHAR, status VARCHAR, attempts INTEGER, last_error VARCHAR,
    next_attempt_at TIMESTAMP, dataset VARCHAR, updated_at TIMESTAMP, PRIMARY KEY (source, key))`);
  await connection.run(`CREATE TABLE IF NOT EXISTS listing_cursors (
    input VARCHAR PRIMARY KEY, start_after VARCHAR, swept_at TIMESTAMP, updated_at TIMESTAMP)`);
}

type Lane = <T>(work: () => Promise<T>) => Promise<T>;

const ts = (date: Date) => new DuckDBTimestampValue(BigInt(date.getTime()) * 1000n);
const dateOf = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)));
const COLUMNS = 'key, version, status, attempts, last_error, epoch_ms(next_attempt_at) AS next_ms, dataset';

function toRecord(row: Record<string, unknown>): ObjectStateRecord {
  return {
    key: row.key as string,
    version: row.version as string,
    status: row.status as ObjectStatus,
    attempts: Number(row.attempts),
    lastError: (row.last_error as string | null) ?? null,
    nextAttemptAt: dateOf(row.next_ms),
    dataset: (row.dataset as string | null) ?? null,
  };
}

export function duckDbObjectState(connection: DuckDBConnection, lane: Lane): ObjectStateStore {
  const rows = async (sql: string, params: Record<string, unknown>) =>
    (await connection.runAndReadAll(sql, params as never)).getRowObjectsJS().map((r) => toRecord(r as Record<string, unknown>));

  return {
    inRange: (source, first, last) =>
      lane(async () => {
        const found = await rows(`SELECT ${COLUMNS} FROM object_state WHERE source = $source AND key >= $first AND key <= $last`, { source, first, last });
        return new Map(found.map((r) => [r.key, r]));
      }),

    get: (source, key) =>
      lane(async () => (await rows(`SELECT ${COLUMNS} FROM object_state WHERE source = $source AND key = $key`, { source, key }))[0]),

    markDone: (source, key, version, dataset) =>
      lane(async () => {
        await connection.run(
          `INSERT OR REPLACE INTO object_state VALUES ($source, $key, $version, 'done', 0, NULL, NULL, $dataset, now()::TIMESTAMP)`,
          { source, key, version, dataset },
        );
      }),

    markFailed: (source, key, version, failure: FailureRecord) =>
      lane(async () => {
        await connection.run(
          `INSERT OR REPLACE INTO object_state VALUES ($source, $key, $version, $status, $attempts, $reason, $next, $dataset, now()::TIMESTAMP)`,
          {
            source,
            key,
            version,
            status: failure.dead ? 'dead' : 'failed',
            attempts: failure.attempts,
            reason: failure.reason,
            next: failure.nextAttemptAt === null ? null : ts(failure.nextAttemptAt),
            dataset: failure.dataset,
          },
        );
      }),

    due: (source, prefix, now, limit) =>
      lane(() =>
        rows(
          `SELECT ${COLUMNS} FROM object_state WHERE source = $source AND starts_with(key, $prefix)
             AND status = 'failed' AND next_attempt_at <= $now ORDER BY next_attempt_at LIMIT ${Math.trunc(limit)}`,
          { source, prefix, now: ts(now) },
        ),
      ),

    cursor: (input) =>
      lane(async () => {
        const reader = await connection.runAndReadAll('SELECT start_after, epoch_ms(swept_at) AS swept_ms FROM listing_cursors WHERE input = $input', { input });
        const row = reader.getRowObjectsJS()[0];
        return row === undefined ? undefined : { startAfter: row.start_after as string, sweptAt: dateOf(row.swept_ms) };
      }),

    saveCursor: (input, cursor: ListingCursor) =>
      lane(async () => {
        await connection.run('INSERT OR REPLACE INTO listing_cursors VALUES ($input, $start, $swept, now()::TIMESTAMP)', {
          input,
          start: cursor.startAfter,
          swept: cursor.sweptAt === null ? null : ts(cursor.sweptAt),
        });
      }),

    forget: (source, prefix, beforeKey) =>
      lane(async () => {
        const result = await connection.run(
          `DELETE FROM object_state WHERE source = $source AND starts_with(key, $prefix) AND key < $before AND status = 'done'`,
          { source, prefix, before: beforeKey },
        );
        return Number(result.rowsChanged);
      }),

    counts: (source, prefix) =>
      lane(async () => {
        const reader = await connection.runAndReadAll(
          'SELECT status, count(*) AS n FROM object_state WHERE source = $source AND starts_with(key, $prefix) GROUP BY status',
          { source, prefix },
        );
        const counts: Record<ObjectStatus, number> = { done: 0, failed: 0, dead: 0 };
        for (const row of reader.getRowObjectsJS()) counts[row.status as ObjectStatus] = Number(row.n);
        return counts;
      }),
  };
}
