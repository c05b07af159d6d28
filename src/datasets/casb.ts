// Cloudflare Logpush dataset `casb_findings` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/casb_findings/
// Mapping spec: shared/spec/datasets/casb.md
import { describeValue, isBlank } from '../ecs/convert.js';
import { EVENT_SEVERITY } from '../ecs/fields.js';
import { custom, date, keyword, move } from '../ecs/rules.js';
import { URL_FIELDS } from '../ecs/url.js';
import { setLegacyUrlParts } from '../ecs/url-legacy.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.casb';

/**
 * event.severity by exact, case-sensitive match (rule S): the numbers of the revision that produced the
 * reference outputs (`Medium` → 2), not the newer 21/47/73/99 scale.
 */
const SEVERITY = new Map<unknown, number>([['Low', 1], ['Medium', 2], ['High', 3], ['Critical', 4]]);

export const casb: Dataset = {
  name: 'casb',
  cloudflareId: 'casb_findings',
  scope: 'account',
  defaultPrefix: 'casb',
  defaultTags: ['forwarded', 'cloudflare_logpush-casb'],
  mapping: {
    // Spec: when the time fails to parse, the reference copies the collection time into the namespace too.
    collectionTimeCopy: { key: 'DetectedTimestamp', field: 'timestamp', whenAbsent: false },
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['access'],
    },
    rules: {
      AssetDisplayName: move('asset.name'),
      AssetExternalID: move('asset.id'),
      // The namespace copy is a duplicate of url.original. A link that does not parse sets no url.* and is
      // noted: upstream it fails the whole pipeline (rule U).
      AssetLink: custom((value, doc) => {
        if (isBlank(value)) return;
        if (doc.keepDuplicates) doc.setNs('asset.url', value);
        if (!setLegacyUrlParts(doc, value)) doc.error(`cannot parse ${describeValue(value)} as a URL for asset.url`);
      }),
      // Carried through as sent; pruning removes its null and empty members.
      AssetMetadata: move('asset.metadata'),
      DetectedTimestamp: date('timestamp', { ecs: '@timestamp' }),
      FindingTypeDisplayName: move('finding.type.name'),
      FindingTypeID: move('finding.type.id'),
      // Always kept (the current revision no longer treats it as a duplicate); also feeds event.severity.
      FindingTypeSeverity: move('finding.type.severity'),
      InstanceID: keyword('finding.id', { ecs: 'event.id' }),
      IntegrationDisplayName: move('integration.name'),
      IntegrationID: move('integration.id'),
      IntegrationPolicyVendor: move('integration.policy_vendor'),
    },
    derive(record, doc) {
      const severity = SEVERITY.get(record.FindingTypeSeverity);
      if (severity !== undefined) doc.setField(EVENT_SEVERITY, severity);
    },
    pruneNotAvailable: true,
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.id': 'keyword',
      'event.severity': 'long',
      ...URL_FIELDS,
      [`${NS}.timestamp`]: 'date',
      [`${NS}.asset.id`]: 'keyword',
      [`${NS}.asset.metadata`]: 'flattened',
      [`${NS}.asset.name`]: 'keyword',
      [`${NS}.asset.url`]: 'keyword',
      [`${NS}.finding.id`]: 'keyword',
      [`${NS}.finding.type.id`]: 'keyword',
      [`${NS}.finding.type.name`]: 'keyword',
      [`${NS}.finding.type.severity`]: 'keyword',
      [`${NS}.integration.id`]: 'keyword',
      [`${NS}.integration.name`]: 'keyword',
      [`${NS}.integration.policy_vendor`]: 'keyword',
    },
  },
};
