/**
 * One dataset's transform figures, in a process of its own: `node --import tsx bench/dataset-transform.ts
 * <dataset> <records>` prints `{"floor":…,"transform":…,"output":…,"ratio":…}`: events per second on one
 * core, and the transform's share of the floor (see measureFloorAndTransform).
 *
 * Why a process per dataset: V8 optimises the mapping and writing code for the documents it has seen, so
 * in one process a dataset's figure depended on what ran before it, both ways (measured: after 200,000
 * http_request documents, other datasets' writing ran up to 1.5× slower, and a full garbage collection
 * did not help; firewall_event reached 27–32 % of its floor after six other datasets, 19–23 % alone). A
 * fresh process is what a user's `logpush transform` run of one dataset gets, and its figure does not
 * depend on the order of the benchmark.
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
