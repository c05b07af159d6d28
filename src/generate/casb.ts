import type { RecordGenerator } from './types.js';
import type { Random } from './random.js';
import { EMAILS } from './random.js';

interface Integration {
  readonly name: string;
  readonly id: string;
  readonly vendor: string;
  /** [finding type, severity] pairs, with rough frequencies. */
  readonly findings: readonly (readonly [readonly [string, string], number])[];
  asset(random: Random): { name: string; id: string; link: string; metadata: Record<string, unknown> };
}

/** Connected SaaS integrations, each with the finding types Cloudflare's CASB reports for it. */
const INTEGRATIONS: readonly Integration[] = [
  {
    name: 'Google Workspace', id: 'a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d', vendor: 'Google Workspace Connection',
    findings: [
      [['Google Workspace File Publicly Accessible with Edit Access', 'High'], 2],
      [['Google Workspace File Shared Outside Company', 'Medium'], 5],
      [['Google Workspace User without 2FA', 'Critical'], 1],
    ],
    asset: (random) => {
      const id = random.hex(33);
      return { name: `${random.pick(['Q3 budget', 'Roadmap', 'Offer letter'])}.xlsx`, id, link: `https://drive.google.com/file/d/${id}/view`, metadata: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', owners: [{ emailAddress: random.pick(EMAILS) }], shared: true, trashed: false } };
    },
  },
  {
    name: 'Microsoft 365', id: 'b2c3d4e5-6f7a-4b8c-9d0e-1f2a3b4c5d6e', vendor: 'Microsoft Connection',
    findings: [
      [['Microsoft Admin Account without MFA', 'Critical'], 1],
      [['Microsoft File Shared Publicly', 'High'], 3],
      [['Microsoft Inactive User', 'Low'], 4],
    ],
    asset: (random) => {
      const email = random.pick(EMAILS);
      return { name: email, id: random.uuid(), link: `https://admin.microsoft.com/#/users/:/UserDetails/${random.uuid()}`, metadata: { userPrincipalName: email, accountEnabled: true, jobTitle: null, officeLocation: '' } };
    },
  },
  {
    name: 'Salesforce Testing', id: 'c772678d-5cf1-4c73-bf3f-111111111111', vendor: 'Salesforce Connection',
    findings: [
      [['Salesforce User Sending Email with Different Email Address', 'Medium'], 3],
      [['Salesforce Contact with Missing Email Address', 'Low'], 2],
    ],
    asset: (random) => {
      const id = `0051N0000${random.hex(9).toUpperCase()}`;
      return { name: 'John Doe', id, link: `https://example.my.salesforce.com/${id}`, metadata: { Id: id, Email: random.pick(EMAILS), IsActive: random.chance(0.8), Fax: null, UserType: 'Standard' } };
    },
  },
  {
    name: 'GitHub', id: 'd4e5f6a7-8b9c-4d0e-8f1a-2b3c4d5e6f7a', vendor: 'GitHub Connection',
    findings: [
      [['GitHub Repository Publicly Accessible', 'High'], 2],
      [['GitHub Organization Member without 2FA', 'Medium'], 3],
    ],
    asset: (random) => {
      const repo = random.pick(['infra', 'payments-service', 'website', 'dotfiles']);
      return { name: `example-org/${repo}`, id: String(random.int(100000000, 999999999)), link: `https://github.com/example-org/${repo}`, metadata: { private: false, archived: false, default_branch: 'main' } };
    },
  },
];

/** A stable id per finding type, as Cloudflare keeps one per type. */
const FINDING_TYPE_IDS = new Map(
  INTEGRATIONS.flatMap((i) => i.findings.map(([[name]]) => name)).map((name, n) => [name, `a2790c4f-03f5-449f-b209-${String(n).padStart(12, '0')}`]),
);

/** One CASB finding: an integration's asset that matches a posture finding type. */
export const generateCasb: RecordGenerator = (random, timeMs) => {
  const integration = random.pick(INTEGRATIONS);
  const [findingType, severity] = random.weighted(integration.findings);
  const asset = integration.asset(random);
  return {
    AssetDisplayName: asset.name,
    AssetExternalID: asset.id,
    AssetLink: asset.link,
    AssetMetadata: asset.metadata,
    DetectedTimestamp: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
    FindingTypeDisplayName: findingType,
    FindingTypeID: FINDING_TYPE_IDS.get(findingType),
    FindingTypeSeverity: severity,
    InstanceID: random.uuid(),
    IntegrationDisplayName: integration.name,
    IntegrationID: integration.id,
    IntegrationPolicyVendor: integration.vendor,
  };
};
