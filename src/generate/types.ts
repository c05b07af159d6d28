import type { CloudflareRecord } from '../datasets/types.js';
import type { Random } from './random.js';

/**
 * Makes one realistic Cloudflare record of a dataset for demos and benchmarks. `timeMs` is the event time;
 * the generator writes it in the dataset's timestamp field(s) (RFC 3339 unless the dataset's jobs use
 * another format by default).
 */
export type RecordGenerator = (random: Random, timeMs: number) => CloudflareRecord;
