import type { DatasetName } from '../datasets/index.js';
import type { RecordGenerator } from './types.js';
import { generateDns } from './dns.js';

/** The generator of each dataset, an explicit list like the dataset registry. */
export const GENERATORS: Partial<Record<DatasetName, RecordGenerator>> = {
  dns: generateDns,
};
