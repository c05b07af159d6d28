import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeRenamed, mergeRenamedList } from '../../src/ecs/renamed-fields.js';

describe('mergeRenamed', () => {
  const rows: [string, unknown, unknown, unknown][] = [
    ['takes the current value alone', 54, undefined, 54],
    ['takes the older value alone', null, 60, 60],
    ['treats "" as absent', '', 60, 60],
    ['keeps one of two equal numbers', 54, 54, 54],
    ['keeps one of two equal strings', 'a', 'a', 'a'],
    ['keeps both of two different values, current first', 54, 60, [54, 60]],
    ['gives nothing when both are absent', '', null, undefined],
  ];
  for (const [name, current, older, expected] of rows) it(name, () => assert.deepEqual(mergeRenamed(current, older), expected));
});

describe('mergeRenamedList', () => {
  const rows: [string, unknown, unknown, unknown[]][] = [
    ['splits the current string on the separator', '1, 2,3', undefined, ['1', '2', '3']],
    ['keeps duplicates of the current list', '1,1', undefined, ['1', '1']],
    ['wraps a scalar', undefined, 7, [7]],
    ['takes an array as is', [1, 2], undefined, [1, 2]],
    ['appends only older elements whose text is new', '1,2', [2, 3, 3], ['1', '2', 3]],
    ['gives an empty list for empty values', '', null, []],
  ];
  for (const [name, current, older, expected] of rows) it(name, () => assert.deepEqual(mergeRenamedList(current, older, /, */), expected));
});
