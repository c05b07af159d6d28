/**
 * Where a listing run starts: tail runs after the cursor, sweeps from the date folder of now − horizon
 * when keys have one (never after the cursor), and from the start of the prefix otherwise.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateFolderPrefix, planListing } from '../../src/inputs/listing-plan.js';

const now = new Date('2026-03-10T12:00:00Z');
const settings = { sweepIntervalMs: 3_600_000, sweepHorizonMs: 2 * 86_400_000 };
const recent = new Date('2026-03-10T11:30:00Z');

describe('listing plan', () => {
  const rows: [string, Parameters<typeof planListing>[1], ReturnType<typeof planListing>][] = [
    ['first run: a sweep of the whole prefix', undefined, { startAfter: '', sweep: true }],
    ['tail run after the cursor', { startAfter: 'dns/20260310/b.log.gz', sweptAt: recent }, { startAfter: 'dns/20260310/b.log.gz', sweep: false }],
    ['dated sweep from now − 48 h', { startAfter: 'dns/20260310/b.log.gz', sweptAt: null }, { startAfter: 'dns/20260308', sweep: true, forgetBefore: 'dns/20260308' }],
    ['dated sweep with dt= folders', { startAfter: 'dns/dt=20260310/b.log.gz', sweptAt: null }, { startAfter: 'dns/dt=20260308', sweep: true, forgetBefore: 'dns/dt=20260308' }],
    ['dated sweep never passes an old cursor', { startAfter: 'dns/20260301/z.log.gz', sweptAt: null }, { startAfter: 'dns/20260301/z.log.gz', sweep: true, forgetBefore: 'dns/20260301/z.log.gz' }],
    ['undated keys: the whole prefix', { startAfter: 'dns/zone.example/b.log.gz', sweptAt: null }, { startAfter: '', sweep: true }],
  ];
  for (const [name, saved, expected] of rows) {
    it(name, () => assert.deepEqual(planListing('dns/', saved, now, settings), expected));
  }

  it('recognises only plausible date folders right under the prefix', () => {
    assert.equal(dateFolderPrefix('dns/', 'dns/20260101/x.log.gz'), '');
    assert.equal(dateFolderPrefix('dns/', 'dns/dt=20260101/x.log.gz'), 'dt=');
    assert.equal(dateFolderPrefix('dns/', 'dns/12345678/x.log.gz'), undefined);
    assert.equal(dateFolderPrefix('dns/', 'dns/zone/20260101/x.log.gz'), undefined);
  });
});
