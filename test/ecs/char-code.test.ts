/** The hot loops' charCodeAt against the method it stands in for, on strings of every representation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { charCodeAt } from '../../src/ecs/char-code.js';

describe('charCodeAt', () => {
  it('reads what String#charCodeAt reads, NaN past either end included', () => {
    const long = 'https://example.com/a/path?with=query&and=more#fragment';
    const two = JSON.parse('"caf\\u00e9 \\u4e2d\\u6587 \\ud83d\\ude00 \\ud800"') as string;
    const samples = [
      '',
      'event',
      long, // flat
      long.slice(8, 40), // sliced
      long.slice(0, 20) + long.slice(20), // concatenated
      two,
      two.slice(2), // sliced two-byte
      `${two}${long}`,
    ];
    for (const text of samples) {
      for (let i = -1; i <= text.length; i++) {
        assert.deepEqual(charCodeAt(text, i), text.charCodeAt(i), `${JSON.stringify(text)} at ${i}`);
      }
    }
  });
});
