/**
 * `parseUriParts` against what Elasticsearch's `uri_parts` processor (java.net.URI) gives. The expected
 * parts were checked against `new java.net.URI(s)` on OpenJDK 17 (getHost, getPort, getPath, getQuery,
 * getFragment, getUserInfo, getScheme).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentBuilder } from '../../src/ecs/document.js';
import { parseUriParts, percentDecode, setUrlParts } from '../../src/ecs/url.js';

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
