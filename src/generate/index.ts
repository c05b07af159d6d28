import { gzipSync } from 'node:zlib';
import type { DatasetName } from '../datasets/index.js';
import { Random } from './random.js';
import type { RecordGenerator } from './types.js';
import { GENERATORS } from './registry.js';

export { Random } from './random.js';
export type { RecordGenerator } from './types.js';

/** The generator of a dataset. */
export function generatorFor(dataset: DatasetName): RecordGenerator {
  return GENERATORS[dataset];
}

export interface GenerateOptions {
  readonly count: number;
  readonly seed?: number;
  /** Event times are spread evenly over [end - spanMs, end]. */
  readonly endMs?: number;
  readonly spanMs?: number;
}

/** `count` NDJSON lines of realistic records, oldest first. */
export function generateLines(generate: RecordGenerator, options: GenerateOptions): string[] {
  const random = new Random(options.seed ?? 1);
  const end = options.endMs ?? Date.now();
  const span = options.spanMs ?? 3_600_000;
  const lines: string[] = new Array(options.count);
  for (let i = 0; i < options.count; i++) {
    const time = end - span + Math.floor(((i + random.next()) / options.count) * span);
    lines[i] = JSON.stringify(generate(random, time));
  }
  return lines;
}

/** Splits lines into gzip NDJSON bodies of about `targetBytes` compressed (Logpush-sized batches). */
export function gzipBatches(lines: readonly string[], targetBytes: number): Buffer[] {
  if (lines.length === 0) return [];
  // Estimate lines per batch from a sample's compression ratio, then cut.
  const sample = lines.slice(0, 2000).join('\n') + '\n';
  const ratio = gzipSync(sample).length / Buffer.byteLength(sample);
  const perLine = Buffer.byteLength(sample) / Math.min(2000, lines.length);
  const linesPerBatch = Math.max(1, Math.floor(targetBytes / (perLine * ratio)));
  const batches: Buffer[] = [];
  for (let i = 0; i < lines.length; i += linesPerBatch) {
    batches.push(gzipSync(lines.slice(i, i + linesPerBatch).join('\n') + '\n'));
  }
  return batches;
}
