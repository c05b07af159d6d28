import type { Random } from './random.js';
import type { RecordGenerator } from './types.js';

interface Device {
  readonly id: string;
  readonly name: string;
  readonly type: 'windows' | 'macos' | 'linux' | 'ios' | 'android';
  readonly manufacturer: string;
  readonly model: string;
  readonly serial: string;
  readonly osVersion: string;
  readonly email: string;
  readonly userId: string;
  readonly registrationId: string;
}

/** A small fleet enrolled in WARP: the same devices report again and again, as in a real account. */
const FLEET: readonly Device[] = [
  { id: '083a8354-d56c-11ed-9771-6a842b1112a1', name: 'alice-laptop', type: 'macos', manufacturer: 'Apple Inc.', model: 'MacBookPro18,3', serial: 'C02G71ABQ6L4', osVersion: '14.2.1', email: 'alice@example.com', userId: '166befbb-00e3-5e20-bd6e-272450000001', registrationId: '5f1c2a7e-3b4d-4e8f-9a0b-1c2d3e4f5a61' },
  { id: '1b2e9c40-7f3a-4d21-8e55-0c9f8a7b6d52', name: 'BOB-WIN11', type: 'windows', manufacturer: 'Dell Inc.', model: 'Latitude 7440', serial: '9XK2L83', osVersion: '10.0.22631', email: 'bob@example.com', userId: '166befbb-00e3-5e20-bd6e-272450000002', registrationId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c02' },
  { id: '2c4d6e8f-0a1b-4c3d-9e5f-7a8b9c0d1e23', name: 'carol-thinkpad', type: 'windows', manufacturer: 'LENOVO', model: 'ThinkPad X1 Carbon Gen 11', serial: 'PF3ZK1QW', osVersion: '10.0.19045', email: 'carol@example.org', userId: '166befbb-00e3-5e20-bd6e-272450000003', registrationId: '0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f03' },
  { id: '083a8354-d56c-11ed-9771-6a842b111aaa', name: 'zt-test-vm1', type: 'linux', manufacturer: 'Google Compute Engine', model: 'Google Compute Engine', serial: 'GoogleCloud-1F2E3D4C5B6A', osVersion: '5.15.0', email: 'dave@example.net', userId: '166befbb-00e3-5e20-bd6e-272450000004', registrationId: '3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c04' },
  { id: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a745', name: "Erin's iPhone", type: 'ios', manufacturer: 'Apple Inc.', model: 'iPhone15,2', serial: 'F2LZX0ABCD12', osVersion: '17.2.1', email: 'erin@example.com', userId: '166befbb-00e3-5e20-bd6e-272450000005', registrationId: '6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f05' },
  { id: '5f6a7b8c-9d0e-4f1a-b2c3-d4e5f6a7b856', name: 'pixel-8-alice', type: 'android', manufacturer: 'Google', model: 'Pixel 8', serial: '39071FDJH004AB', osVersion: '14', email: 'alice@example.com', userId: '166befbb-00e3-5e20-bd6e-272450000001', registrationId: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c06' },
];

const CLIENT_VERSIONS = ['2024.6.415', '2024.3.409', '2023.12.583', '2023.10.120'] as const;

interface Evaluation {
  readonly expected: Record<string, unknown>;
  readonly received: Record<string, unknown>;
  readonly passed: boolean;
}

interface Check {
  readonly name: string;
  readonly type: string;
  readonly policyId: string;
  /** What the policy expects, what this device reported, and the verdict. */
  evaluate(device: Device, random: Random): Evaluation;
}

/** A check whose device report is one boolean setting that the policy wants on. */
function settingCheck(name: string, type: string, policyId: string, key: string, share: number): Check {
  return {
    name, type, policyId,
    evaluate(_device, random) {
      const on = random.chance(share);
      return { expected: { [key]: true }, received: { [key]: on }, passed: on };
    },
  };
}

const CHECKS: readonly Check[] = [
  {
    name: 'Minimum OS version', type: 'os_version', policyId: '2b6f1e2a-9c3d-4b8e-a7f6-5d4c3b2a1f01',
    evaluate: (device) => ({ expected: { version: '1.0.0', operator: '>=' }, received: { version: device.osVersion }, passed: true }),
  },
  settingCheck('Disk encryption', 'disk_encryption', '2b6f1e2a-9c3d-4b8e-a7f6-5d4c3b2a1f02', 'encrypted', 0.9),
  settingCheck('Firewall enabled', 'firewall', '2b6f1e2a-9c3d-4b8e-a7f6-5d4c3b2a1f03', 'enabled', 0.92),
  settingCheck('WARP connected', 'warp', '2b6f1e2a-9c3d-4b8e-a7f6-5d4c3b2a1f04', 'connected', 0.97),
  {
    name: 'Corporate domain joined', type: 'domain_joined', policyId: '2b6f1e2a-9c3d-4b8e-a7f6-5d4c3b2a1f05',
    evaluate(_device, random) {
      const domain = random.chance(0.85) ? 'corp.example.com' : 'WORKGROUP';
      return { expected: { domain: 'corp.example.com' }, received: { domain }, passed: domain === 'corp.example.com' };
    },
  },
];

/** One posture check result uploaded by a WARP client: most devices pass, a few fail a check. */
export const generateDevicePosture: RecordGenerator = (random: Random, timeMs: number) => {
  const device = random.pick(FLEET);
  const check = random.pick(CHECKS);
  const { expected, received, passed } = check.evaluate(device, random);
  return {
    ClientVersion: random.pick(CLIENT_VERSIONS),
    DeviceID: device.id,
    DeviceManufacturer: device.manufacturer,
    DeviceModel: device.model,
    DeviceName: device.name,
    DeviceSerialNumber: device.serial,
    DeviceType: device.type,
    Email: device.email,
    OSVersion: device.osVersion,
    PolicyID: check.policyId,
    PostureCheckName: check.name,
    PostureCheckType: check.type,
    PostureEvaluatedResult: passed,
    PostureExpectedJSON: expected,
    PostureReceivedJSON: received,
    RegistrationID: device.registrationId,
    Timestamp: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
    UserUID: device.userId,
  };
};
