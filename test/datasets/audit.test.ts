import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { audit } from '../../src/datasets/audit.js';
import type { MappedDataset } from '../../src/datasets/index.js';
import { mapLine } from '../../src/datasets/map.js';
import { toNested } from '../../src/ecs/document.js';
import { referenceContext } from '../support/map-context.js';

const dataset = audit as MappedDataset;
const NS = 'cloudflare_logpush.audit';
const ACTOR = 'enl3j9du8rnx2swwd9l32qots7l54t9s';
const BASE = {
  ActionResult: true,
  ActionType: 'token_create',
  ActorEmail: 'user@example.com',
  ActorID: ACTOR,
  ActorIP: '81.2.69.142',
  ActorType: 'user',
  ID: '73fd39ed-5aab-4a2a-b93c-c9a4abf0c425',
  Interface: 'UI',
  Metadata: { token_name: 'test', token_tag: 'b7261c49a793a82678d12285f0bc1401' },
  NewValue: { key1: 'value1', key2: 'value2' },
  OldValue: { key3: 'value4', key4: 'value4' },
  OwnerID: 'owner-account-id',
  ResourceID: ACTOR,
  ResourceType: 'account',
  When: '2021-11-30T20:19:48Z',
};
const PLAIN = { preserveOriginalEvent: false, preserveDuplicateCustomFields: false };
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));

describe('audit mapping', () => {
  // Values as JSON text, so that a nanosecond number beyond 2^53 reaches the mapping as sent.
  const timestamps: [string, string][] = [
    ['Unix seconds as a JSON number', '1638303588'],
    ['Unix milliseconds as a JSON number', '1638303588000'],
    ['Unix nanoseconds as a JSON number', '1638303588000000000'],
    ['RFC 3339 with an offset', '"2021-11-30T21:19:48+01:00"'],
  ];
  for (const [name, json] of timestamps) {
    it(`reads When given as ${name}`, () => {
      const line = JSON.stringify({ ...BASE, When: 0 }).replace('"When":0', `"When":${json}`);
      const doc = mapLine(dataset, line, referenceContext());
      assert.equal(doc['@timestamp'], '2021-11-30T20:19:48.000Z');
      assert.equal(doc[`${NS}.timestamp`], '2021-11-30T20:19:48.000Z');
      assert.equal(doc['error.message'], undefined);
    });
  }

  it('keeps only the namespace-only fields, and no event.original or tags, without the option tags', () => {
    assert.deepEqual(toNested(map(BASE, { ...PLAIN, tags: [] })), {
      '@timestamp': '2021-11-30T20:19:48.000Z',
      ecs: { version: '8.11.0' },
      event: {
        kind: 'event', category: ['authentication'], type: ['info'],
        action: 'token_create', id: '73fd39ed-5aab-4a2a-b93c-c9a4abf0c425', provider: 'UI', outcome: 'success',
      },
      user: { email: 'user@example.com', id: ACTOR },
      source: { ip: '81.2.69.142' },
      related: { user: [ACTOR], ip: ['81.2.69.142'] },
      cloudflare_logpush: {
        audit: {
          actor: { type: 'user' },
          metadata: BASE.Metadata,
          new_value: BASE.NewValue,
          old_value: BASE.OldValue,
          owner: { id: 'owner-account-id' },
          resource: { id: ACTOR, type: 'account' },
        },
      },
    });
  });

  const results: [string, unknown, string][] = [
    ['true is a success', true, 'success'],
    ['false is a failure', false, 'failure'],
    ['the string "true" is a failure', 'true', 'failure'],
    ['null is a failure', null, 'failure'],
  ];
  for (const [name, value, outcome] of results) {
    it(`sets event.outcome from ActionResult: ${name}`, () => {
      const doc = map({ ...BASE, ActionResult: value });
      assert.equal(doc['event.outcome'], outcome);
      assert.equal(doc[`${NS}.action.result`], outcome);
      assert.equal(doc['error.message'], undefined);
    });
  }

  it('sets event.outcome failure when ActionResult is missing', () => {
    const { ActionResult: _, ...record } = BASE;
    assert.equal(map(record)['event.outcome'], 'failure');
  });

  it('lower-cases event.action and keeps the case as sent in the namespace', () => {
    const doc = map({ ...BASE, ActionType: 'Token_CREATE' });
    assert.equal(doc['event.action'], 'token_create');
    assert.equal(doc[`${NS}.action.type`], 'Token_CREATE');
  });

  it('notes an ActionType that is not a string and sets no event.action', () => {
    const doc = map({ ...BASE, ActionType: 7 }, PLAIN);
    assert.deepEqual(doc['error.message'], ['cannot change the case of 7 for action.type: not a string']);
    assert.equal(doc['event.action'], undefined);
    assert.equal(doc['event.kind'], 'pipeline_error');
    assert.deepEqual(doc.tags, ['preserve_original_event']);
    assert.equal(doc['event.original'], JSON.stringify({ ...BASE, ActionType: 7 }));
  });

  it('notes an invalid ActorIP and sets no source.ip or related.ip', () => {
    const doc = map({ ...BASE, ActorIP: 'unknown' });
    assert.deepEqual(doc['error.message'], ['cannot convert "unknown" to ip for actor.ip']);
    for (const field of ['source.ip', `${NS}.actor.ip`, 'related.ip']) assert.equal(doc[field], undefined, field);
  });

  it('sets no event.provider for an empty Interface', () => {
    const doc = map({ ...BASE, Interface: '' });
    assert.equal(doc['event.provider'], undefined);
    assert.equal(doc[`${NS}.interface`], undefined);
  });

  it('keeps only ActorID in related.user, not ActorEmail or OwnerID', () => {
    assert.deepEqual(map(BASE)['related.user'], [ACTOR]);
  });

  it('removes null, "", "N/A" and emptied objects inside Metadata, keeping false, 0 and "N/A" in arrays', () => {
    const doc = map({ ...BASE, Metadata: { a: null, b: '', c: 'N/A', d: { e: null }, f: false, g: 0, h: ['N/A', null] } });
    assert.deepEqual(doc[`${NS}.metadata`], { f: false, g: 0, h: ['N/A'] });
  });

  it('notes an unparseable When and leaves @timestamp to the storage side', () => {
    const doc = map({ ...BASE, When: '30/11/2021' });
    assert.equal(doc['@timestamp'], undefined);
    assert.deepEqual(doc['error.message'], ['cannot convert "30/11/2021" to date for timestamp']);
  });

  it('keeps an unknown key under the namespace in snake_case', () => {
    assert.equal(map({ ...BASE, ActorUserAgent: 'curl/8.4.0' })[`${NS}.actor_user_agent`], 'curl/8.4.0');
  });
});
