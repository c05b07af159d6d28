/**
 * setUrlParts through its cache of recent URLs: a string seen before gets the same fields as the first
 * time, rejected strings included. A file of its own so that the cache starts fresh, in use (in url.test.ts
 * the 20,000 random strings make it step aside, see RepeatCache).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentBuilder } from '../../src/ecs/document.js';
import { parseUriParts, setUrlParts } from '../../src/ecs/url.js';

const URLS = [
  'https://update-check.badcdn.example/wp-admin/admin-ajax.php',
  'http://cdn-1.example.co.uk:8080/a/b.tar.gz?q=1#top',
  'https://u:p@[2001:db8::1]:8443/x%20y?a=%41', // the parser's path (user info, IPv6, escapes)
  '/api/v1/x.json?a=1',
  '/a b', // rejected
  '',
];

describe('setUrlParts from its cache', () => {
  it('writes the same fields for a URL seen before as the first time, and rejects the same strings', () => {
    for (let round = 0; round < 3; round++) {
      for (const text of URLS) {
        const expected = parseUriParts(text);
        const doc = new DocumentBuilder('cloudflare_logpush.test', false);
        assert.equal(setUrlParts(doc, text), expected !== undefined, `${text} (round ${round})`);
        assert.deepEqual([...doc.fields], Object.entries(expected ?? {}).map(([part, value]) => [`url.${part}`, value]), `${text} (round ${round})`);
      }
    }
  });
});
