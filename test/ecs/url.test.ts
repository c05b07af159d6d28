/**
 * `parseUriParts` against what Elasticsearch's `uri_parts` processor (java.net.URI) gives. The expected
 * parts were checked against `new java.net.URI(s)` on OpenJDK 17 (getHost, getPort, getPath, getQuery,
 * getFragment, getUserInfo, getScheme).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentBuilder } from '../../src/ecs/document.js';
import { Random } from '../../src/generate/random.js';
import { isSimpleUri, parseUriParts, parseUriPartsByParser, percentDecode, setUrlParts } from '../../src/ecs/url.js';

type Row = readonly [name: string, input: string, expected: Record<string, string | number> | undefined];

const accepted: Row[] = [
  ['an absolute URL gives scheme, domain and path', 'https://example.com/a/b',
    { scheme: 'https', domain: 'example.com', path: '/a/b' }],
  ['an absolute URL without a path has an empty path', 'https://test.com', { scheme: 'https', domain: 'test.com', path: '' }],
  ['an explicit port is a number', 'http://example.com:8080/x', { scheme: 'http', domain: 'example.com', port: 8080, path: '/x' }],
  ['a colon without digits is no port', 'http://example.com:/x', { scheme: 'http', domain: 'example.com', path: '/x' }],
  ['user info is split at the first colon', 'ftp://alice:s3:cr@files.example.com/',
    { scheme: 'ftp', domain: 'files.example.com', path: '/', user_info: 'alice:s3:cr', username: 'alice', password: 's3:cr' }],
  ['user info without a colon has no username or password', 'http://alice@example.com/',
    { scheme: 'http', domain: 'example.com', path: '/', user_info: 'alice' }],
  ['user info is percent-decoded', 'http://a%3Ab@h.example/', { scheme: 'http', domain: 'h.example', path: '/', user_info: 'a:b', username: 'a', password: 'b' }],
  ['query and fragment lose their separators', 'https://example.com/s?q=1&r=2#top',
    { scheme: 'https', domain: 'example.com', path: '/s', query: 'q=1&r=2', fragment: 'top' }],
  ['an empty query and fragment are kept as empty strings', '/x?#', { path: '/x', query: '', fragment: '' }],
  ['path, query and fragment are percent-decoded as UTF-8', '/a%20b/%E2%82%AC?x=%C3%A9#%23',
    { path: '/a b/€', query: 'x=é', fragment: '#' }],
  ['a malformed UTF-8 escape decodes to U+FFFD', '/%ff', { path: '/\ufffd' }],
  ['a relative path has only a path', '/s/example/api/telemetry/v2/clusters/_stats', { path: '/s/example/api/telemetry/v2/clusters/_stats' }],
  ['a scheme-less host name is a relative path', 'example.com/a.php', { path: 'example.com/a.php', extension: 'php' }],
  ['a leading // reads the first segment as the domain', '//android-chrome-192x192.png', { domain: 'android-chrome-192x192.png', path: '' }],
  ['an empty authority before a path is allowed', '///etc/passwd', { path: '/etc/passwd' }],
  ['the empty string is an empty relative path', '', { path: '' }],
  ['an IPv4 host is the domain', 'http://1.2.3.4:81/', { scheme: 'http', domain: '1.2.3.4', port: 81, path: '/' }],
  ['an IPv6 host keeps its brackets', 'http://[2001:db8::1]:8443/', { scheme: 'http', domain: '[2001:db8::1]', port: 8443, path: '/' }],
  ['a host with an underscore is a registry authority: no domain', 'http://my_host.example.com/x', { scheme: 'http', path: '/x' }],
  ['an IPv4-like host with a byte above 255 has no domain', 'http://1.2.3.999/', { scheme: 'http', path: '/' }],
  ['a port beyond 2^31-1 leaves neither domain nor port', 'http://example.com:2147483648/', { scheme: 'http', path: '/' }],
  ['an opaque URI has only scheme and fragment', 'mailto:someone@example.com#x', { scheme: 'mailto', fragment: 'x' }],
  ['the extension is taken from the last segment only', '/v1.2/download', { path: '/v1.2/download' }],
  ['the extension is the text after the last dot', '/a/archive.tar.gz', { path: '/a/archive.tar.gz', extension: 'gz' }],
  ['a trailing dot gives an empty extension', '/a.', { path: '/a.', extension: '' }],
  ['a dot in the query is no extension', '/search?q=a.b', { path: '/search', query: 'q=a.b' }],
  ['brackets are allowed in the query', '/?a[0]=1', { path: '/', query: 'a[0]=1' }],
  ['visible non-ASCII characters are accepted unescaped', '/café', { path: '/café' }],
];

const rejected: [string, string][] = [
  ['a space', '/a b'],
  ['a double quote', '/a"b'],
  ['angle brackets', '/<script>'],
  ['a backslash', '/a\\b'],
  ['a caret', '/a^b'],
  ['a backtick', '/a`b'],
  ['curly braces', '/{id}'],
  ['a vertical bar', '/a|b'],
  ['a second #', '/a#b#c'],
  ['brackets in the path', '/a[0]'],
  ['% without two hex digits', '/100%'],
  ['a truncated escape', '/a%4'],
  ['a control character', '/a\tb'],
  ['a no-break space', '/a\u00a0b'],
  ['a scheme without anything after it', 'http:'],
  ['a scheme that starts with a digit', '1http://x/'],
  ['an empty scheme', ':x'],
  ['a bare //', '//'],
  ['an unclosed IPv6 bracket', 'http://[::1/'],
  ['an invalid IPv6 literal', 'http://[xyz]/'],
];

describe('parseUriParts', () => {
  for (const [name, input, expected] of accepted) {
    it(name, () => assert.deepEqual(parseUriParts(input), { ...expected, original: input }));
  }
  for (const [what, input] of rejected) {
    it(`rejects a string with ${what}`, () => assert.equal(parseUriParts(input), undefined));
  }
});

/**
 * parseUriParts answers the common shape (`scheme://host/path?query#fragment`, nothing to decode) with one
 * regular expression and the rest with the transcribed parser. Strings generated around the edges of that
 * shape (host labels with dashes, digits and underscores, IPv4-like hosts, trailing dots, ports of every
 * length, every character class in path, query and fragment, escapes, brackets, user info, non-ASCII)
 * must come out of both with the same parts, in the same order.
 */
describe('parseUriParts: the shortcut for simple URLs agrees with the parser', () => {
  const random = new Random(20261127);
  const pick = <T,>(items: readonly T[]) => items[random.int(0, items.length - 1)]!;
  const run = (alphabet: readonly string[], max: number) => Array.from({ length: random.int(0, max) }, () => pick(alphabet)).join('');
  const label = () => pick(['', run(['a', 'Z', '0', '9', '-'], 6), run(['a', 'b', 'x'], 4), pick(['example', 'cdn-1', '1st', 'x--y', '-a', 'a-', '_a', '999', '255'])]);
  const host = () => pick([
    Array.from({ length: random.int(1, 4) }, label).join('.'),
    Array.from({ length: random.int(1, 4) }, label).join('.'),
    Array.from({ length: random.int(1, 4) }, label).join('.'),
    `${random.int(0, 300)}.${random.int(0, 300)}.${random.int(0, 300)}.${random.int(0, 300)}`,
    `${label()}.`,
    `${label()}@${label()}`,
    '[2001:db8::1]',
    'exämple.com',
  ]);
  const port = () => pick(['', '', ':', `:${random.int(0, 65535)}`, `:${'9'.repeat(random.int(8, 11))}`, ':8a']);
  const pathChars = ['a', 'Z', '0', '/', '/', '.', '-', '_', '~', '!', '*', "'", '(', ')', ':', '@', '&', '=', '+', '$', ',', ';', '%41', '%', '[', ']', ' ', '"', '\\', '^', '|', '{', 'é', '\t'];
  const simpleChars = ['a', 'Z', '0', '/', '.', '-', '_', '~', '!', '*', "'", '(', ')', ':', '@', '&', '=', '+', '$', ',', ';'];
  // Half of the strings stay close to the simple shape, with one odd part at most; the rest mix everything.
  const url = () => {
    const clean = random.chance(0.5);
    const chars = clean ? simpleChars : pathChars;
    const relative = random.chance(0.3);
    const scheme = relative ? '' : clean ? pick(['http', 'https', 'HTTP', 'h2+x.y-z']) : pick(['http', 'https', '1http', '', 'h_x']);
    const separator = relative ? '' : clean ? '://' : pick(['://', '://', ':/', '//', ':']);
    if (relative) return `${pick(['', '/', '//', '/a', `/${run(chars, 12)}`, run(chars, 4)])}${pick(['', '?', `?${run(chars, 6)}`])}${pick(['', '#x', '#'])}`;
    const cleanHost = () => [...Array.from({ length: random.int(0, 3) }, () => pick(['example', 'cdn-1', '1st', 'x--y', 'a', 'Z9'])), pick(['com', 'co', 'localhost', 'x-1'])].join('.');
    return `${scheme}${separator}${clean && random.chance(0.8) ? cleanHost() : host()}${port()}` +
      `${pick(['', '/', `/${run(chars, 12)}`, `/${run(['a', '.', '/'], 8)}`, clean ? '/' : run(chars, 4)])}` +
      `${pick(['', '?', `?${run([...chars, '?', '[', ']'], 10)}`])}${pick(['', '', '#', `#${run([...chars, '?'], 8)}`, '#a#b'])}`;
  };

  it('gives the same parts in the same order for 20,000 generated strings', () => {
    let simple = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = url();
      const expected = parseUriPartsByParser(text);
      const actual = parseUriParts(text);
      assert.deepEqual(actual, expected, text);
      if (expected !== undefined) assert.deepEqual(Object.keys(actual!), Object.keys(expected), text);
      // setUrlParts writes the shortcut's fields itself: the same fields, in the same order.
      const doc = new DocumentBuilder('cloudflare_logpush.test', false);
      assert.equal(setUrlParts(doc, text), expected !== undefined, text);
      assert.deepEqual([...doc.fields], Object.entries(expected ?? {}).map(([part, value]) => [`url.${part}`, value]), text);
      if (isSimpleUri(text)) simple++;
    }
    // Both paths must be exercised for the comparison to mean something.
    assert.ok(simple > 2_000 && simple < 18_000, `${simple} of 20,000 took the shortcut`);
  });

  it('takes the shortcut for the URLs of the golden fixtures shape, and not for what it must leave to the parser', () => {
    for (const text of ['https://example.com/a/b.php?x=1#top', 'http://cdn-1.example.co.uk:8080/', 'https://localhost', '/api/v1/x.json?a=1', '']) {
      assert.ok(isSimpleUri(text), text);
    }
    for (const text of ['http://1.2.3.4/', 'http://a-.example/', 'http://x.example/%41', 'http://u@x.example/', 'http://example.com.:80/', 'http://x.1a/', '//x.example/', 'a/b']) {
      assert.ok(!isSimpleUri(text), text);
    }
  });

  it('fails a long near-miss in linear time (no catastrophic backtracking)', () => {
    // Not a timing assertion: with backtracking this would not finish within the test runner's timeout.
    const text = `http://${'a-'.repeat(100_000)}a.${'b'.repeat(100_000)}/${'c/'.repeat(100_000)}?${'d'.repeat(100_000)} `;
    assert.equal(isSimpleUri(text), false);
    assert.equal(parseUriParts(text), undefined);
  });
});

describe('percentDecode', () => {
  const rows: [string, string, string][] = [
    ['leaves text without % unchanged', 'a+b', 'a+b'],
    ['decodes a run of escapes as one UTF-8 sequence', '%E2%82%AC', '€'],
    ['keeps a byte-order mark', '%EF%BB%BFx', '\ufeffx'],
  ];
  for (const [name, input, expected] of rows) it(name, () => assert.equal(percentDecode(input), expected));
});

describe('setUrlParts', () => {
  it('writes url.* fields and reports success', () => {
    const doc = new DocumentBuilder('cloudflare_logpush.test', false);
    assert.equal(setUrlParts(doc, 'https://test.com'), true);
    assert.deepEqual(Object.fromEntries(doc.fields), { 'url.domain': 'test.com', 'url.path': '', 'url.scheme': 'https', 'url.original': 'https://test.com' });
  });
  it('writes nothing for a rejected string or a value that is not a string', () => {
    const doc = new DocumentBuilder('cloudflare_logpush.test', false);
    assert.equal(setUrlParts(doc, '/a b'), false);
    assert.equal(setUrlParts(doc, 42), false);
    assert.deepEqual(Object.fromEntries(doc.fields), {});
  });
});
