// The registry: an explicit, alphabetical list of the 18 Logpush datasets.
import { access_request } from './access_request.js';
import { audit } from './audit.js';
import { casb } from './casb.js';
import { device_posture } from './device_posture.js';
import { dns } from './dns.js';
import { dns_firewall } from './dns_firewall.js';
import { firewall_event } from './firewall_event.js';
import { gateway_dns } from './gateway_dns.js';
import { gateway_http } from './gateway_http.js';
import { gateway_network } from './gateway_network.js';
import { http_request } from './http_request.js';
import { magic_ids } from './magic_ids.js';
import { nel_report } from './nel_report.js';
import { network_analytics } from './network_analytics.js';
import { network_session } from './network_session.js';
import { sinkhole_http } from './sinkhole_http.js';
import { spectrum_event } from './spectrum_event.js';
import { workers_trace } from './workers_trace.js';

export const DATASETS = [access_request, audit, casb, device_posture, dns, dns_firewall, firewall_event, gateway_dns, gateway_http, gateway_network, http_request, magic_ids, nel_report, network_analytics, network_session, sinkhole_http, spectrum_event, workers_trace] as const;
import type { Dataset, DatasetMapping, DatasetName } from './types.js';
import { PermanentError } from '../errors.js';

export type { CloudflareRecord, Dataset, DatasetMapping, DatasetName, EcsDocument, EcsFieldType, FieldList, FlatDocument, MapContext } from './types.js';
export { ECS_VERSION, mapLine, mapLineFlat, mapRecord, setCollectionTime } from './map.js';

/** A dataset whose mapping exists. */
export type MappedDataset = Dataset & { readonly mapping: DatasetMapping };

export const DATASET_NAMES: readonly DatasetName[] = DATASETS.map((d) => d.name);

const byName = new Map<string, Dataset>();
for (const dataset of DATASETS) {
  byName.set(dataset.name, dataset);
  byName.set(dataset.cloudflareId, dataset);
}

/** Finds a dataset by our name (`http_request`) or Cloudflare's id (`http_requests`). */
export function findDataset(name: string): Dataset | undefined {
  return byName.get(name);
}

export function isMapped(dataset: Dataset): dataset is MappedDataset {
  return dataset.mapping !== undefined;
}

/** The dataset with its mapping, or a PermanentError that says why not. */
export function requireMappedDataset(name: string): MappedDataset {
  const dataset = findDataset(name);
  if (dataset === undefined) {
    throw new PermanentError('ERR_UNKNOWN_DATASET', `unknown dataset "${name}"; known: ${DATASET_NAMES.join(', ')}`);
  }
  if (!isMapped(dataset)) {
    throw new PermanentError('ERR_DATASET_NOT_MAPPED', `dataset "${dataset.name}" has no mapping yet; mapped: ${mappedDatasets().map((d) => d.name).join(', ')}`);
  }
  return dataset;
}

export function mappedDatasets(): MappedDataset[] {
  return DATASETS.filter(isMapped);
}
