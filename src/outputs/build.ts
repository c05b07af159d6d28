import type { Logger } from 'pino';
import type { OutputConfig } from '../config/outputs.js';
import type { DuckDbStore } from './duckdb/store.js';
import { ElasticsearchOutput } from './elasticsearch/index.js';
import { FanoutOutput } from './fanout.js';
import { NdjsonOutput } from './ndjson.js';
import type { Output } from './output.js';

/**
 * The configured outputs as one Output for the pipeline.
 *
 * Dead letters always go to the DuckDB store's `dead_letters` table, whatever the outputs: it is
 * transactional, the API and `logpush query` can read it, and `startCollector` opens the store in every
 * configuration. When `duckdb` is not listed as an output, the store still receives each batch without
 * its documents: that keeps the batch's decode dead letters together with its `ingest_batches` record,
 * so a batch sent again does not leave them twice.
 */
export function buildOutput(configs: readonly OutputConfig[], store: DuckDbStore, logger: Logger): Output {
  const outputs: Output[] = configs.map((config) => {
    switch (config.type) {
      case 'duckdb':
        return store;
      case 'elasticsearch':
      case 'opensearch':
        return new ElasticsearchOutput({ config, deadLetters: store, logger });
      case 'ndjson':
        return new NdjsonOutput(config);
    }
  });
  if (!configs.some((c) => c.type === 'duckdb')) outputs.unshift(deadLettersOnly(store));
  return outputs.length === 1 ? outputs[0]! : new FanoutOutput(outputs, store);
}

/** The store as an output that keeps only the batch record and its dead letters, not the documents. */
export function deadLettersOnly(store: DuckDbStore): Output {
  return {
    name: 'duckdb-dead-letters',
    write: (batch) => store.write({ ...batch, documents: [], originals: [] }),
    writeDeadLetters: (letters) => store.writeDeadLetters(letters),
    close: () => store.close(),
  };
}
