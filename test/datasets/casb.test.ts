import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { casb } from '../../src/datasets/casb.js';
import type { MappedDataset } from '../../src/datasets/index.js';
import { mapLine } from '../../src/datasets/map.js';
import { toNested } from '../../src/ecs/document.js';
import { referenceContext } from '../support/map-context.js';

const dataset = casb as MappedDataset;
const NS = 'cloudflare_logpush.casb';
const BASE = {
  AssetDisplayName: 'John Doe',
  AssetExternalID: '0051N000004mG2LAAA',
  AssetLink: 'https://example.com/resource',
  AssetMetadata: { Id: '0051N000004mG2LAAA', Fax: null, IsActive: false },
  DetectedTimestamp: '2023-05-16T10:00:00Z',
  FindingTypeDisplayName: 'Salesforce User Sending Email with Different Email Address',
  FindingTypeID: 'a2790c4f-03f5-449f-b209-5f4447f417aa',
  FindingTypeSeverity: 'Medium',
  InstanceID: '6b187be4-2dd5-42c5-a37b-111111111111',
  IntegrationDisplayName: 'Salesforce Testing',
  IntegrationID: 'c772678d-5cf1-4c73-bf3f-111111111111',
  IntegrationPolicyVendor: 'Salesforce Connection',
};
const PLAIN = { preserveOriginalEvent: false, preserveDuplicateCustomFields: false };
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));
const urlOf = (doc: Record<string, unknown>) => (toNested(doc).url ?? {}) as Record<string, unknown>;

describe('casb mapping', () => {
  const timestamps: [string, unknown][] = [
    ['Unix seconds as a JSON number', 1684231200],
    ['Unix milliseconds as a digit string', '1684231200000'],
    ['RFC 3339 with a -hhmm offset', '2023-05-16T05:00:00-0500'],
  ];
  for (const [name, value] of timestamps) {
    it(`reads DetectedTimestamp given as ${name}`, () => {
      const doc = map({ ...BASE, DetectedTimestamp: value });
      assert.equal(doc['@timestamp'], '2023-05-16T10:00:00.000Z');
      assert.equal(doc[`${NS}.timestamp`], '2023-05-16T10:00:00.000Z');
      assert.equal(doc['error.message'], undefined);
    });
  }

  it('drops timestamp, asset.url and finding.id from the namespace without the option tags', () => {
    assert.deepEqual(toNested(map(BASE, { ...PLAIN, tags: [] })), {
      '@timestamp': '2023-05-16T10:00:00.000Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['network'], type: ['access'], id: '6b187be4-2dd5-42c5-a37b-111111111111', severity: 2 },
      url: { original: 'https://example.com/resource', scheme: 'https', domain: 'example.com', path: '/resource' },
      cloudflare_logpush: {
        casb: {
          asset: { name: 'John Doe', id: '0051N000004mG2LAAA', metadata: { Id: '0051N000004mG2LAAA', IsActive: false } },
          finding: { type: { name: BASE.FindingTypeDisplayName, id: BASE.FindingTypeID, severity: 'Medium' } },
          integration: { name: 'Salesforce Testing', id: BASE.IntegrationID, policy_vendor: 'Salesforce Connection' },
        },
      },
    });
  });

  const severities: [string, unknown, number | undefined][] = [
    ['Low', 'Low', 1],
    ['High', 'High', 3],
    ['Critical', 'Critical', 4],
    ['lower-case medium (the match is case-sensitive)', 'medium', undefined],
    ['an unknown name', 'Informational', undefined],
    ['null', null, undefined],
  ];
  for (const [name, value, severity] of severities) {
    it(`sets event.severity for FindingTypeSeverity ${name}`, () => {
      const doc = map({ ...BASE, FindingTypeSeverity: value });
      assert.equal(doc['event.severity'], severity);
      assert.equal(doc[`${NS}.finding.type.severity`], value ?? undefined);
      assert.equal(doc['error.message'], undefined);
    });
  }

  const links: [string, string, Record<string, unknown>][] = [
    ['every part, percent-decoded', 'https://u%20x:p@example.com:8443/a%20b/report.pdf?q=%20x#top%21', {
      original: 'https://u%20x:p@example.com:8443/a%20b/report.pdf?q=%20x#top%21', scheme: 'https', domain: 'example.com', port: 8443,
      path: '/a b/report.pdf', extension: 'pdf', query: 'q= x', fragment: 'top!', user_info: 'u x:p', username: 'u x', password: 'p',
    }],
    ['the extension after the last dot of the whole path (reference quirk)', 'https://example.com/v1.2/resource', {
      original: 'https://example.com/v1.2/resource', scheme: 'https', domain: 'example.com', path: '/v1.2/resource', extension: '2/resource',
    }],
    ['no path, which pruning then drops', 'https://example.com', { original: 'https://example.com', scheme: 'https', domain: 'example.com' }],
  ];
  for (const [name, link, url] of links) {
    it(`splits AssetLink into url.*: ${name}`, () => {
      const doc = map({ ...BASE, AssetLink: link });
      assert.deepEqual(urlOf(doc), url);
      assert.equal(doc[`${NS}.asset.url`], link);
    });
  }

  it('notes an AssetLink that does not parse and sets no url.*', () => {
    const doc = map({ ...BASE, AssetLink: 'https://example.com/a file' }, PLAIN);
    assert.deepEqual(doc['error.message'], ['cannot parse "https://example.com/a file" as a URL for asset.url']);
    assert.deepEqual(urlOf(doc), {});
    assert.equal(doc['event.kind'], 'pipeline_error');
    assert.deepEqual(doc.tags, ['preserve_original_event']);
    assert.equal(doc['event.original'], JSON.stringify({ ...BASE, AssetLink: 'https://example.com/a file' }));
  });

  it('removes null, "" and "N/A" members inside AssetMetadata, and objects left empty', () => {
    const doc = map({ ...BASE, AssetMetadata: { a: 'N/A', b: { c: null, d: '' }, e: 0, f: ['N/A', ''] } });
    assert.deepEqual(doc[`${NS}.asset.metadata`], { e: 0, f: ['N/A'] });
  });

  it('notes an unparseable DetectedTimestamp and leaves @timestamp to the storage side', () => {
    const doc = map({ ...BASE, DetectedTimestamp: 'May 16' });
    assert.equal(doc['@timestamp'], undefined);
    assert.deepEqual(doc['error.message'], ['cannot convert "May 16" to date for timestamp']);
  });

  it('keeps an unknown key under the namespace in snake_case', () => {
    assert.equal(map({ ...BASE, AssetOwnerEmail: 'owner@example.com' })[`${NS}.asset_owner_email`], 'owner@example.com');
  });
});
