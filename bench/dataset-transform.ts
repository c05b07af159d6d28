/**
 * One dataset's transform figures, in a process of its own: `node --import tsx bench/dataset-transform.ts
 * <dataset> <records>` prints `{"floor":…,"transform":…,"output":…}` (events per second, one core).
 *
 * Why a process per dataset: V8 optimises the mapping and writing code for the documents it has seen, and
 * after 200,000 http_request documents the same code ran other datasets' documents up to 1.5× slower
 * (measured; a full garbage collection in between did not help). A fresh process is what a user's
 * `logpush transform` run of one dataset gets, and it keeps one dataset's figure from depending on which
 * datasets the benchmark happened to measure before it.
 */
import { requireMappedDataset } from '../src/datasets/index.js';
import { createUserAgentParser } from '../src/ecs/user-agent.js';
import { generateLines, generatorFor, gzipBatches } from '../src/generate/index.js';
import { measureFloorAndTransform } from './transform.js';

const [name, records] = process.argv.slice(2);
if (name === undefined) throw new Error('usage: dataset-transform.ts <dataset> [records]');
const dataset = requireMappedDataset(name);
const ctx = { tags: ['forwarded'], preserveOriginalEvent: false, preserveDuplicateCustomFields: false, userAgent: createUserAgentParser() };
const batches = gzipBatches(generateLines(generatorFor(dataset.name), { count: Number(records ?? 20_000), seed: 7 }), 1 << 20);
process.stdout.write(`${JSON.stringify(measureFloorAndTransform(batches, dataset, ctx))}\n`);
