/** The hot loops' charCodeAt and stringLength against what they stand in for, on strings of every representation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { charCodeAt, stringLength } from '../../src/ecs/char-code.js';

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

describe('charCodeAt', () => {
  it('reads what String#charCodeAt reads, NaN past either end included', () => {
    for (const text of samples) {
      for (let i = -1; i <= text.length; i++) {
        assert.deepEqual(charCodeAt(text, i), text.charCodeAt(i), `${JSON.stringify(text)} at ${i}`);
      }
    }
  });
});

describe('stringLength', () => {
  it('is the length of the string', () => {
    for (const text of samples) assert.equal(stringLength(text), text.length, JSON.stringify(text));
  });
});
