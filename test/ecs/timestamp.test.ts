/** Logpush timestamps in every form, told apart by magnitude, without precision loss. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatEpochMillis, parseHttpDate, parseTimestamp } from '../../src/ecs/timestamp.js';
import { parseJsonLine } from '../../src/ecs/json.js';

const CASES: [string, unknown, string | 'invalid' | undefined][] = [
  ['RFC 3339 with Z', '2022-05-26T09:23:54Z', '2022-05-26T09:23:54.000Z'],
  ['RFC 3339 with milliseconds', '2022-05-26T09:23:54.123Z', '2022-05-26T09:23:54.123Z'],
  ['RFC 3339 with nanoseconds, truncated', '2022-05-26T09:23:54.123999999Z', '2022-05-26T09:23:54.123Z'],
  ['RFC 3339 with an offset', '2022-05-26T11:23:54+02:00', '2022-05-26T09:23:54.000Z'],
  ['ISO 8601 with a compact offset', '2022-05-26T04:23:54-0500', '2022-05-26T09:23:54.000Z'],
  ['no offset means UTC', '2022-05-26T09:23:54', '2022-05-26T09:23:54.000Z'],
  ['Unix seconds as a string', '1653557034', '2022-05-26T09:23:54.000Z'],
  ['Unix seconds as a number', 1653557034, '2022-05-26T09:23:54.000Z'],
  ['Unix milliseconds', 1653557034123, '2022-05-26T09:23:54.123Z'],
  ['Unix nanoseconds as a string (beyond 2^53)', '1653557034123456789', '2022-05-26T09:23:54.123Z'],
  ['a fractional number is truncated', 1653557034.9, '2022-05-26T09:23:54.000Z'],
  ['empty string: nothing, no error', '', undefined],
  ['null: nothing, no error', null, undefined],
  ['garbage', 'yesterday', 'invalid'],
  ['an impossible date', '2022-02-30T00:00:00Z', 'invalid'],
  ['an object', { t: 1 }, 'invalid'],
];

describe('parseTimestamp', () => {
  for (const [name, input, expected] of CASES) {
    it(name, () => {
      const result = parseTimestamp(input);
      if (expected === undefined) assert.equal(result, undefined);
      else if (expected === 'invalid') assert.deepEqual(result, { ok: false });
      else assert.deepEqual(result, { ok: true, value: expected });
    });
  }
  it('does not shift dates by the server time zone (the suite runs under a non-UTC TZ)', () => {
    assert.notEqual(process.env.TZ, 'UTC');
    assert.deepEqual(parseTimestamp('2022-01-01T00:00:00'), { ok: true, value: '2022-01-01T00:00:00.000Z' });
  });
});

describe('parseHttpDate', () => {
  const rows: [string, unknown, string][] = [
    ['RFC 1123 with UTC', 'Thu, 21 May 2022 11:17:33 UTC', '2022-05-21T11:17:33.000Z'],
    ['RFC 1123 with GMT', 'Thu, 19 May 2022 11:17:33 GMT', '2022-05-19T11:17:33.000Z'],
    ['RFC 3339', '2022-05-27T13:25:26Z', '2022-05-27T13:25:26.000Z'],
    ['"0" as epoch milliseconds', '0', '1970-01-01T00:00:00.000Z'],
    ['"-1" as epoch milliseconds', '-1', '1969-12-31T23:59:59.999Z'],
  ];
  for (const [name, input, expected] of rows) it(name, () => assert.deepEqual(parseHttpDate(input), { ok: true, value: expected }));
});

describe('parseJsonLine', () => {
  it('keeps nanosecond integers exact by reading them as digit strings', () => {
    assert.deepEqual(parseJsonLine('{"EdgeStartTimestamp":1653485126123456789,"n":5}'), { EdgeStartTimestamp: '1653485126123456789', n: 5 });
  });
  it('leaves long digit runs inside strings and safe integers alone', () => {
    const line = '{"a":"x:12345678901234567890}","b":9007199254740991,"c":-12345678901234567890,"d":1.5e300}';
    assert.deepEqual(parseJsonLine(line), { a: 'x:12345678901234567890}', b: 9007199254740991, c: '-12345678901234567890', d: 1.5e300 });
  });
  it('handles escaped quotes before a big integer', () => {
    assert.deepEqual(parseJsonLine('{"a":"q\\"","t":1653485126000000000}'), { a: 'q"', t: '1653485126000000000' });
  });
  it('finds big integers inside nested objects and arrays, and starts at 2^53', () => {
    assert.deepEqual(parseJsonLine('{"o":{"l":[1,{"t":9007199254740993}]},"s":9007199254740992}'), { o: { l: [1, { t: '9007199254740993' }] }, s: '9007199254740992' });
    assert.deepEqual(parseJsonLine('[-9007199254740991,12345678901234.5]'), [-9007199254740991, 12345678901234.5]);
  });
  it('reads generated lines with big integers among strings, escapes and every number form exactly', () => {
    // Each line is written token by token next to the value it must parse to, so the expectation does not
    // come from the code under test.
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const digits = (n: number) => Array.from({ length: n }, (_, i) => String(i === 0 ? 1 + random(9) : random(10))).join('');
    const pieces = ['\\"', '\\\\', '\\\\\\"', ':', ',', '}', ']', '[', '{', 'é', ' ', '-', 'e5', '.', digits(19), digits(16)];
    const stringToken = (): [string, string] => {
      const raw = Array.from({ length: random(6) }, () => pieces[random(pieces.length)]!).join('');
      return [`"${raw}"`, JSON.parse(`"${raw}"`) as string];
    };
    const numberToken = (): [string, unknown] => {
      const sign = random(3) === 0 ? '-' : '';
      switch (random(6)) {
        case 0: { const t = `${sign}${digits(16 + random(4))}`; return [t, Number.isSafeInteger(Number(t)) ? Number(t) : t]; }
        case 1: { const t = `${sign}${digits(1 + random(15))}`; return [t, Number(t)]; }
        case 2: { const t = `${sign}${digits(17)}.${digits(3)}`; return [t, Number(t)]; }
        case 3: { const t = `${sign}${digits(18)}e${random(2) ? '-' : '+'}${random(20)}`; return [t, Number(t)]; }
        case 4: { const t = `${sign}0.${digits(18)}`; return [t, Number(t)]; }
        default: { const t = `${sign}${digits(17)}E2`; return [t, Number(t)]; }
      }
    };
    const valueToken = (depth: number): [string, unknown] => {
      const kind = random(depth > 2 ? 2 : 4);
      if (kind === 0) return numberToken();
      if (kind === 1) return stringToken();
      const entries = Array.from({ length: 1 + random(4) }, () => valueToken(depth + 1));
      if (kind === 2) return [`[${entries.map(([t]) => t).join(',')}]`, entries.map(([, v]) => v)];
      const keyed = entries.map(([t, v], i) => [`k${i}${random(2) ? digits(16) : ''}`, t, v] as const);
      return [`{${keyed.map(([k, t]) => `"${k}":${t}`).join(',')}}`, Object.fromEntries(keyed.map(([k, , v]) => [k, v]))];
    };
    for (let i = 0; i < 3000; i++) {
      const [line, value] = valueToken(0);
      assert.deepEqual(parseJsonLine(line), value, line);
    }
  });
});

/**
 * The fast paths (the minute of the last ISO text, the formatted minute of the last epoch value, numbers
 * without BigInt) against the general code they stand in for, over runs of values in one minute, across
 * minute, day and year boundaries, and over forms they must hand back to the regular expression.
 */
describe('timestamp fast paths', () => {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');

  it('formats epoch milliseconds as Date.toISOString does, in and across minutes', () => {
    const values = [0, 1, 59_999, 60_000, -1, -59_999, -60_001, 8.64e15, -8.64e15, 253_402_300_799_999, 253_402_300_800_000];
    for (let ms = 1_703_980_740_000 - 5_000; ms < 1_703_980_740_000 + 125_000; ms += 997) values.push(ms); // New Year 2024
    for (const ms of values) assert.equal(formatEpochMillis(ms), new Date(ms).toISOString(), String(ms));
    assert.equal(formatEpochMillis(8.64e15 + 1), undefined);
  });

  it('reads `YYYY-MM-DDTHH:MM:SS[.f]Z` text as the general parser does', () => {
    const expectedOf = (text: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/.exec(text)!;
      const [, y, mo, d, h, mi, s, f = ''] = m.map((part) => part ?? '');
      return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(f.slice(0, 3).padEnd(3, '0')))).toISOString();
    };
    const fractions = ['', '.5', '.12', '.123', '.123456789'];
    for (const minute of ['2023-12-31T23:58', '2023-12-31T23:59', '2024-01-01T00:00', '2024-02-29T12:00', '2024-02-29T12:00']) {
      for (let second = 0; second < 60; second += 7) {
        for (const fraction of fractions) {
          const text = `${minute}:${pad(second)}${fraction}Z`;
          assert.deepEqual(parseTimestamp(text), { ok: true, value: expectedOf(text) }, text);
        }
      }
    }
  });

  it('hands other forms to the general parser, and rejects what it rejects', () => {
    parseTimestamp('2022-05-26T09:23:00Z'); // the fast path now holds this minute
    const rows: [string, string | 'invalid'][] = [
      ['2022-05-26T09:23:60Z', '2022-05-26T09:24:00.000Z'], // a leap second, as the general parser reads it
      ['2022-05-26T09:23:54z', '2022-05-26T09:23:54.000Z'],
      [' 2022-05-26T09:23:54Z', '2022-05-26T09:23:54.000Z'],
      ['2022-05-26 09:23:54Z', '2022-05-26T09:23:54.000Z'],
      ['2022-05-26T24:00:01Z', '2022-05-27T00:00:01.000Z'],
      ['2022-05-26T09:23:54.Z', 'invalid'],
      ['2022-05-26T09:23:5xZ', 'invalid'],
      ['2022-05-26T09:23:54.12aZ', 'invalid'],
      ['2022-02-30T09:23:54Z', 'invalid'],
      ['2022-05-26T09:61:54Z', 'invalid'],
    ];
    for (const [text, expected] of rows) {
      assert.deepEqual(parseTimestamp(text), expected === 'invalid' ? { ok: false } : { ok: true, value: expected }, text);
    }
  });

  it('tells seconds, milliseconds and nanoseconds apart by magnitude without BigInt where it can', () => {
    const rows: [string | number, string][] = [
      [9_999_999_999, new Date(9_999_999_999_000).toISOString()],
      [10_000_000_000, new Date(10_000_000_000).toISOString()],
      ['999999999999999', new Date(999_999_999_999_999).toISOString()],
      ['1000000000000000', new Date(1_000_000_000_000_000).toISOString()],
      [-86_400, '1969-12-31T00:00:00.000Z'],
      ['-20000000000', new Date(-20_000_000_000_000).toISOString()],
    ];
    for (const [input, expected] of rows) assert.deepEqual(parseTimestamp(input), { ok: true, value: expected }, String(input));
  });
});
