// Cloudflare Logpush dataset `device_posture_results` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/device_posture_results/
// Mapping spec: shared/spec/datasets/device_posture.md
import { namespaced } from '../ecs/document.js';
import { boolean, date, move } from '../ecs/rules.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.device_posture';
// The very string the rule writes (a name built per record would be hashed again on every lookup).
const EVAL_RESULT = namespaced(NS, 'eval.result');

export const device_posture: Dataset = {
  name: 'device_posture',
  cloudflareId: 'device_posture_results',
  scope: 'account',
  defaultPrefix: 'device_posture',
  defaultTags: ['forwarded', 'cloudflare_logpush-device_posture'],
  mapping: {
    // Spec: when the time fails to parse, the reference copies the collection time into the namespace too.
    collectionTimeCopy: { key: 'Timestamp', field: 'timestamp', whenAbsent: false },
    constants: {
      'event.kind': 'event',
      'event.category': ['host'],
      'event.type': ['info'],
    },
    rules: {
      // The WARP client version, copied: there is no user-agent string to parse.
      ClientVersion: move('version', { ecs: 'user_agent.version' }),
      DeviceID: move('host.id', { ecs: 'host.id' }),
      DeviceManufacturer: move('host.manufacturer'),
      DeviceModel: move('host.model'),
      DeviceName: move('host.name', { ecs: 'host.name' }),
      DeviceSerialNumber: move('host.serial'),
      // As sent (`linux`, `macos`, `windows`…), no case change.
      DeviceType: move('host.os.family', { ecs: 'host.os.family' }),
      Email: move('user.email', { ecs: 'user.email' }),
      OSVersion: move('host.os.version', { ecs: 'host.os.version' }),
      PolicyID: move('rule.id', { ecs: 'rule.id' }),
      PostureCheckName: move('rule.name', { ecs: 'rule.name' }),
      PostureCheckType: move('rule.category', { ecs: 'rule.category' }),
      PostureEvaluatedResult: boolean('eval.result'),
      PostureExpectedJSON: move('eval.expected'),
      PostureReceivedJSON: move('eval.received'),
      RegistrationID: move('registration_id'),
      Timestamp: date('timestamp', { ecs: '@timestamp' }),
      UserUID: move('user.id', { ecs: 'user.id' }),
    },
    derive(record, doc) {
      const result = doc.get(EVAL_RESULT);
      if (typeof result === 'boolean') doc.set('event.outcome', result ? 'success' : 'failure');
      doc.appendRelated('hosts', doc.get('host.id'), doc.get('host.name'));
      doc.appendRelated('user', doc.get('user.id'), doc.get('user.email'));
    },
    pruneNotAvailable: true,
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.outcome': 'keyword',
      'host.id': 'keyword',
      'host.name': 'keyword',
      'host.os.family': 'keyword',
      'host.os.version': 'keyword',
      'rule.category': 'keyword',
      'rule.id': 'keyword',
      'rule.name': 'keyword',
      'user.email': 'keyword',
      'user.id': 'keyword',
      'user_agent.version': 'keyword',
      'related.hosts': 'keyword[]',
      'related.user': 'keyword[]',
      [`${NS}.eval.expected`]: 'flattened',
      [`${NS}.eval.received`]: 'flattened',
      [`${NS}.eval.result`]: 'boolean',
      [`${NS}.host.id`]: 'keyword',
      [`${NS}.host.manufacturer`]: 'keyword',
      [`${NS}.host.model`]: 'keyword',
      [`${NS}.host.name`]: 'keyword',
      [`${NS}.host.os.family`]: 'keyword',
      [`${NS}.host.os.version`]: 'keyword',
      [`${NS}.host.serial`]: 'keyword',
      [`${NS}.registration_id`]: 'keyword',
      [`${NS}.rule.category`]: 'keyword',
      [`${NS}.rule.id`]: 'keyword',
      [`${NS}.rule.name`]: 'keyword',
      [`${NS}.timestamp`]: 'date',
      [`${NS}.user.email`]: 'keyword',
      [`${NS}.user.id`]: 'keyword',
      [`${NS}.version`]: 'keyword',
    },
  },
};
