import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DuckDBDataChunk, DuckDBInstance, DuckDBTimestampValue, INTEGER, StatementType, UINTEGER, VARCHAR,
  type DuckDBConnection, type DuckDBValue,
} from '@duckdb/node-api';
import type { DatasetName, MappedDataset } from '../../datasets/index.js';
import { DocumentFields, slotOf } from '../../ecs/document-fields.js';
import { RetryableError } from '../../errors.js';
import type { DeadLetter, Output, OutputBatch } from '../output.js';
import { columnsOf, quoteIdent, toDuckValue, type Column } from './columns.js';
import { KeyDictionary, keyColumnName, PERFECT_HASH_BITS } from './key-dictionary.js';
import { createObjectStateTables, duckDbObjectState } from './object-state.js';
import type { ObjectStateStore } from '../../inputs/object-state.js';
import { resultToJson, type QueryResult } from './values.js';

/**
 * The embedded store: one DuckDB database under the data directory, one table per dataset with one
 * typed column per field (named by its dotted ECS name), an `_extra` JSON column for what does not fit,
 * and two bookkeeping tables: `ingest_batches` (one row per stored batch, the idempotency record) and
 * `dead_letters` (lines we could not read, with the reason and the raw text).
 *
 * Writes go through one connection, one batch at a time, each batch in one transaction together with
 * its `ingest_batches` row: a batch is either wholly stored (and known as stored) or not at all, so a
 * resend after a crash or a lost 200 is recognised and skipped.
 */
export const DATABASE_FILE = 'logpush.duckdb';
const CHUNK_ROWS = 2048;
const MICROS_PER_MS = 1000n;

const READ_STATEMENTS = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);

const ts = (date: Date) => new DuckDBTimestampValue(BigInt(date.getTime()) * MICROS_PER_MS);

/** What goes into each table column after `_batch_id, _line, _extra`, in the table's order. */
type Slot = { readonly kind: 'field'; readonly column: Column } | { readonly kind: 'key'; readonly field: string };

interface TableLayout {
  readonly slots: Slot[];
  /** Field columns, for telling known fields from `_extra` ones. */
  readonly columns: Column[];
  readonly keyedFields: string[];
}

export class DuckDbStore implements Output {
  readonly name = 'duckdb';
  private readonly layouts = new Map<DatasetName, TableLayout>();
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private objectState?: ObjectStateStore;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    readonly path: string,
    private readonly keys: KeyDictionary,
  ) {}

  /** Opens (or creates) the store; fails with a clear message when another process holds it. */
  static async open(dataDir: string, datasets: readonly MappedDataset[], options: { memoryLimitMb?: number } = {}): Promise<DuckDbStore> {
    mkdirSync(dataDir, { recursive: true });
    const path = resolve(join(dataDir, DATABASE_FILE));
    let instance: DuckDBInstance;
    try {
      // DuckDB's default buffer pool is 80 % of RAM; a collector shares its machine, so it gets a budget.
      instance = await DuckDBInstance.create(path, {
        memory_limit: `${options.memoryLimitMb ?? 256}MB`,
        // SQL from API users must not read or write files of the host or load extensions.
        enable_external_access: 'false',
      });
    } catch (error) {
      const message = (error as Error).message;
      if (/lock/i.test(message)) {
        throw new Error(`the store ${path} is in use by another process (a running "logpush serve"?); use --api to ask it instead`, { cause: error });
      }
      throw error;
    }
    const writer = await instance.connect();
    const reader = await instance.connect();
    await reader.run(`SET perfect_ht_threshold = ${PERFECT_HASH_BITS}`);
    const store = new DuckDbStore(instance, writer, reader, path, await KeyDictionary.open(writer));
    await store.createSchema(datasets);
    return store;
  }

  private async createSchema(datasets: readonly MappedDataset[]): Promise<void> {
    await this.writer.run(`CREATE TABLE IF NOT EXISTS ingest_batches (
      batch_id VARCHAR PRIMARY KEY, dataset VARCHAR, source VARCHAR, received_at TIMESTAMP, stored_at TIMESTAMP,
      events INTEGER, dead_letters INTEGER)`);
    await createObjectStateTables(this.writer);
    await this.writer.run(`CREATE TABLE IF NOT EXISTS dead_letters (
      received_at TIMESTAMP, dataset VARCHAR, source VARCHAR, batch_id VARCHAR, line INTEGER, reason VARCHAR, raw VARCHAR)`);
    for (const dataset of datasets) {
      const columns = columnsOf(dataset.mapping.fields);
      const keyedFields = columns.filter((c) => c.keyed).map((c) => c.field);
      const definitions = [
        ...columns.map((c) => `${quoteIdent(c.field)} ${c.sqlType}`),
        ...keyedFields.map((field) => `${quoteIdent(keyColumnName(field))} UINTEGER`),
      ];
      await this.writer.run(
        `CREATE TABLE IF NOT EXISTS ${dataset.name} (_batch_id VARCHAR, _line INTEGER, _extra JSON, ${definitions.join(', ')})`,
      );
      // A newer version may list more fields (or keys): add the missing columns, keep the data.
      const existing = await this.writer.runAndReadAll(
        `SELECT column_name FROM information_schema.columns WHERE table_name = '${dataset.name}'`,
      );
      const have = new Set(existing.getRows().map((r) => r[0] as string));
      for (const column of columns) {
        if (!have.has(column.field)) await this.writer.run(`ALTER TABLE ${dataset.name} ADD COLUMN ${quoteIdent(column.field)} ${column.sqlType}`);
      }
      for (const field of keyedFields) {
        const key = keyColumnName(field);
        if (!have.has(key)) await this.writer.run(`ALTER TABLE ${dataset.name} ADD COLUMN ${quoteIdent(key)} UINTEGER`);
      }
      // Rows of an older version have no keys yet.
      await this.keys.fill(this.writer, dataset.name, keyedFields);
      // Table column order may differ from the field list after ALTERs: append in the table's order.
      const ordered = await this.writer.runAndReadAll(
        `SELECT column_name FROM information_schema.columns WHERE table_name = '${dataset.name}' ORDER BY ordinal_position`,
      );
      const byField = new Map(columns.map((c) => [c.field, c]));
      const keyed = new Map(keyedFields.map((field) => [keyColumnName(field), field]));
      const slots = ordered.getRows().map((r) => r[0] as string).slice(3).map((name): Slot => {
        const column = byField.get(name);
        if (column !== undefined) return { kind: 'field', column };
        const field = keyed.get(name);
        if (field !== undefined) return { kind: 'key', field };
        throw new Error(`table ${dataset.name} of ${this.path} has a column "${name}" that this version does not know (was it written by a newer one?)`);
      });
      this.layouts.set(dataset.name, { slots, columns, keyedFields });
    }
  }

  /** Per-object state of the object-storage inputs, written through the same serialised lane. */
  get objects(): ObjectStateStore {
    return (this.objectState ??= duckDbObjectState(this.writer, (work) => this.enqueue(work)));
  }

  /** Serialises work on the write connection. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new RetryableError('ERR_STORE_CLOSED', 'the store is closed'));
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  write(batch: OutputBatch): Promise<{ duplicate: boolean }> {
    return this.enqueue(() => this.writeBatch(batch));
  }

  writeDeadLetters(letters: readonly DeadLetter[]): Promise<void> {
    return this.enqueue(async () => {
      await this.writer.run('BEGIN TRANSACTION');
      try {
        await this.appendDeadLetters(letters);
        await this.writer.run('COMMIT');
      } catch (error) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  private async writeBatch(batch: OutputBatch): Promise<{ duplicate: boolean }> {
    const layout = this.layouts.get(batch.dataset);
    if (layout === undefined) throw new Error(`no table for dataset ${batch.dataset}`);
    await this.writer.run('BEGIN TRANSACTION');
    let keyIds: Map<string, number> | undefined;
    try {
      const seen = await this.writer.runAndReadAll('SELECT 1 FROM ingest_batches WHERE batch_id = $id', { id: batch.id });
      if (seen.currentRowCount > 0) {
        await this.writer.run('ROLLBACK');
        return { duplicate: true };
      }
      keyIds = await this.keys.resolve(this.writer, keyValues(batch, layout));
      await this.appendDocuments(batch, layout, keyIds);
      await this.appendDeadLetters(batch.deadLetters);
      await this.writer.run(
        'INSERT INTO ingest_batches VALUES ($id, $dataset, $source, $received, $stored, $events, $dead)',
        {
          id: batch.id,
          dataset: batch.dataset,
          source: batch.source,
          received: ts(batch.receivedAt),
          // Our clock, in UTC like every timestamp here (DuckDB's now()::TIMESTAMP would be local time).
          stored: ts(new Date()),
          events: batch.documents.length,
          dead: batch.deadLetters.length,
        },
      );
      await this.writer.run('COMMIT');
      this.keys.committed(keyIds);
      return { duplicate: false };
    } catch (error) {
      await this.writer.run('ROLLBACK').catch(() => undefined);
      if (keyIds !== undefined) await this.keys.rolledBack(this.writer).catch(() => undefined);
      throw error;
    }
  }

  private async appendDocuments(batch: OutputBatch, layout: TableLayout, keyIds: Map<string, number>): Promise<void> {
    const { slots } = layout;
    const docs = batch.documents;
    if (docs.length === 0) return;
    const known = new Set(layout.columns.map((c) => c.field));
    // Each slot's field with its slot number (see DocumentFields), looked up once per batch, not per value.
    const names = slots.map((slot) => (slot.kind === 'key' ? slot.field : slot.column.field));
    const ids = names.map((name) => slotOf(name));
    const appender = await this.writer.createAppender(batch.dataset);
    const types = [VARCHAR, INTEGER, VARCHAR, ...slots.map((s) => (s.kind === 'field' ? s.column.duckType : UINTEGER))];
    try {
      for (let start = 0; start < docs.length; start += CHUNK_ROWS) {
        const rows = docs.slice(start, start + CHUNK_ROWS);
        const chunk = DuckDBDataChunk.create(types, rows.length);
        const extras: (string | null)[] = new Array(rows.length).fill(null);
        const addExtra = (row: number, field: string, value: unknown) => {
          const current = extras[row] === null ? {} : JSON.parse(extras[row]!);
          current[field] = value;
          extras[row] = JSON.stringify(current);
        };
        // Row by row, so that each document is read while it is the one its lookups are fast for (see
        // DocumentFields); the values are then handed over column by column.
        const columns: DuckDBValue[][] = slots.map(() => new Array(rows.length));
        for (let r = 0; r < rows.length; r++) {
          const doc = rows[r]!;
          const fields = doc instanceof DocumentFields ? doc : undefined;
          // Fields that have a column: when they are all the document has, it has no `_extra` ones.
          let inColumns = 0;
          for (let c = 0; c < slots.length; c++) {
            const slot = slots[c]!;
            const value = fields === undefined ? doc.get(names[c]!) : fields.getAt(ids[c]!, names[c]!);
            if (slot.kind === 'key') {
              columns[c]![r] = typeof value === 'string' ? keyIds.get(value)! : null;
              continue;
            }
            if (value === undefined) {
              columns[c]![r] = null;
              continue;
            }
            inColumns++;
            const { column } = slot;
            const converted = toDuckValue(column, value);
            if (converted === undefined) {
              columns[c]![r] = null;
              addExtra(r, column.field, value);
            } else columns[c]![r] = converted;
          }
          if (inColumns !== doc.size) for (const [field, value] of doc) if (!known.has(field)) addExtra(r, field, value);
        }
        columns.forEach((values, c) => chunk.setColumnValues(c + 3, values));
        chunk.setColumnValues(0, new Array(rows.length).fill(batch.id));
        chunk.setColumnValues(1, rows.map((_, r) => start + r + 1));
        chunk.setColumnValues(2, extras);
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  private async appendDeadLetters(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const appender = await this.writer.createAppender('dead_letters');
    try {
      for (const letter of letters) {
        appender.appendTimestamp(ts(letter.receivedAt));
        if (letter.dataset === null) appender.appendNull();
        else appender.appendVarchar(letter.dataset);
        appender.appendVarchar(letter.source);
        if (letter.batchId === null) appender.appendNull();
        else appender.appendVarchar(letter.batchId);
        appender.appendInteger(letter.line);
        appender.appendVarchar(letter.reason);
        appender.appendVarchar(letter.raw);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /**
   * Runs read-only SQL on the read connection (concurrent with writes: DuckDB's MVCC). `params` binds
   * `$name` placeholders, so values from users never become SQL text.
   */
  async query(sql: string, params?: Record<string, DuckDBValue>): Promise<QueryResult> {
    if (this.closed) throw new RetryableError('ERR_STORE_CLOSED', 'the store is closed');
    return resultToJson(await this.reader.runAndReadAll(sql, params));
  }

  /**
   * Runs one SQL statement from a user (`logpush query`, POST /api/query): only reads are allowed
   * (SELECT, EXPLAIN, SHOW, DESCRIBE, read-only PRAGMAs), so an API token cannot change the store.
   */
  async queryReadOnly(sql: string): Promise<QueryResult> {
    if (this.closed) throw new RetryableError('ERR_STORE_CLOSED', 'the store is closed');
    const statements = await this.reader.extractStatements(sql);
    if (statements.count !== 1) throw new Error(`expected one SQL statement, got ${statements.count}`);
    const prepared = await statements.prepare(0);
    if (!READ_STATEMENTS.has(prepared.statementType)) {
      throw new Error('only read statements (SELECT, EXPLAIN, SHOW, DESCRIBE) are allowed here');
    }
    return resultToJson(await prepared.runAndReadAll());
  }

  /** Deletes rows older than `days` days from a dataset's table; returns the number removed. */
  deleteOlderThan(dataset: DatasetName, days: number, now = new Date()): Promise<number> {
    return this.enqueue(async () => {
      const cutoff = ts(new Date(now.getTime() - days * 86_400_000));
      const result = await this.writer.run(`DELETE FROM ${dataset} WHERE "@timestamp" < $cutoff`, { cutoff });
      return Number(result.rowsChanged);
    });
  }

  /** Waits for queued writes, then closes. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.tail;
    this.closed = true;
    this.writer.closeSync();
    this.reader.closeSync();
    this.instance.closeSync();
  }
}

/** The distinct values of a batch's keyed fields. Strings only: other values go to `_extra` unkeyed. */
function keyValues(batch: OutputBatch, layout: TableLayout): Set<string> {
  const values = new Set<string>();
  for (const doc of batch.documents) {
    for (const field of layout.keyedFields) {
      const value = doc.get(field);
      if (typeof value === 'string') values.add(value);
    }
  }
  return values;
}
