// Cloudflare Logpush dataset `device_posture_results` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/device_posture_results/
// Mapping spec: shared/spec/datasets/device_posture.md
import { fieldUnder } from '../ecs/document.js';
import { EVENT_OUTCOME, HOST_ID, HOST_NAME, USER_EMAIL, USER_ID } from '../ecs/fields.js';
import { boolean, date, move } from '../ecs/rules.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.device_posture';
// Read in derive: the name with its slot, looked up once (see fieldName).
const EVAL_RESULT = fieldUnder(NS, 'eval.result');

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
      const result = doc.getField(EVAL_RESULT);
      if (typeof result === 'boolean') doc.setField(EVENT_OUTCOME, result ? 'success' : 'failure');
      doc.appendRelated('hosts', doc.getField(HOST_ID), doc.getField(HOST_NAME));
      doc.appendRelated('user', doc.getField(USER_ID), doc.getField(USER_EMAIL));
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
