import { parseJsonLine } from '../ecs/json.js';
import { mappedDatasets, type MappedDataset } from './index.js';

/**
 * Dataset auto-detection (`POST /`, `logpush transform --dataset auto`): each Cloudflare dataset has a
 * distinctive set of field names, so a record belongs to the dataset whose mapping knows most of its keys.
 * Ties go to the dataset whose known keys cover a larger share of its own table (a record of a small
 * dataset fits it more completely than a large one that happens to share some names).
 */
export type Detection = { dataset: MappedDataset } | { reason: string };

/** A record must have at least this share of its keys known to the chosen dataset. */
const MIN_SHARE = 0.6;

export function detectRecord(record: Record<string, unknown>, candidates: readonly MappedDataset[] = mappedDatasets()): Detection {
  const keys = Object.keys(record);
  if (keys.length === 0) return { reason: 'empty record: no fields to recognise a dataset by' };
  let best: MappedDataset | undefined;
  let bestKnown = 0;
  let bestCoverage = 0;
  for (const dataset of candidates) {
    const rules = dataset.mapping.rules;
    let known = 0;
    for (const key of keys) if (key in rules) known++;
    const coverage = known / Object.keys(rules).length;
    if (known > bestKnown || (known === bestKnown && coverage > bestCoverage)) {
      best = dataset;
      bestKnown = known;
      bestCoverage = coverage;
    }
  }
  if (best === undefined || bestKnown / keys.length < MIN_SHARE) {
    const sample = keys.slice(0, 5).join(', ');
    return { reason: `no dataset recognises this record's fields (${sample}${keys.length > 5 ? ', …' : ''})` };
  }
  return { dataset: best };
}

/** Detects the dataset of one raw line; a line that is not a JSON object gets a reason. */
export function detectLine(line: string, candidates?: readonly MappedDataset[]): Detection {
  let record: unknown;
  try {
    record = parseJsonLine(line);
  } catch (error) {
    return { reason: `not valid JSON: ${(error as Error).message}` };
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return { reason: 'not a JSON object' };
  return detectRecord(record as Record<string, unknown>, candidates);
}
