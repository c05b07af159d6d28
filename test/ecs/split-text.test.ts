/**
 * splitJava against the plain reading of Java's `String.split` it reproduces: `String#split`, then the
 * trailing run of empty pieces dropped.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../src/generate/random.js';
import { splitJava } from '../../src/ecs/split-text.js';

function reference(text: string, separator: string): string[] {
  const pieces = text.split(separator);
  while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces;
}

describe('splitJava', () => {
  it('keeps inner empty pieces and drops the trailing ones', () => {
    assert.deepEqual(splitJava('a\n\nb\n\n', '\n'), ['a', '', 'b']);
    assert.deepEqual(splitJava('\na', '\n'), ['', 'a']);
    assert.deepEqual(splitJava('\n\n', '\n'), []);
    assert.deepEqual(splitJava('a', '\n'), ['a']);
  });

  it('agrees with the reference on 5,000 generated strings, for one- and two-character separators', () => {
    const random = new Random(7);
    for (let i = 0; i < 5_000; i++) {
      const text = Array.from({ length: random.int(0, 12) }, () => random.pick(['a', 'Host: x', '\n', '\n', ',', ', ', ' ', 'é'])).join('');
      for (const separator of ['\n', ', ']) assert.deepEqual(splitJava(text, separator), reference(text, separator), JSON.stringify(text));
    }
  });

  it('refuses an empty separator', () => {
    assert.throws(() => splitJava('abc', ''), /separator/);
  });
});
