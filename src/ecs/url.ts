import { fieldUnder, setFieldEntries, type FieldName, type FieldSink } from './document.js';
import { charCodeAt, stringLength } from './char-code.js';
import { URL_DOMAIN, URL_EXTENSION, URL_FRAGMENT, URL_ORIGINAL, URL_PATH, URL_PORT, URL_QUERY, URL_SCHEME } from './fields.js';
import { isIpv6 } from './convert.js';
import { RepeatCache } from './repeat-cache.js';

/**
 * URI decomposition as Elasticsearch's `uri_parts` processor does it
 * (https://www.elastic.co/guide/en/elasticsearch/reference/current/uri-parts-processor.html).
 * That processor reads the string with `java.net.URI`, an RFC 2396 parser with RFC 2732 brackets and a few
 * deviations of its own; this file reproduces that parser, so that the same strings are accepted or
 * rejected and split the same way:
 * - the string is a URI reference: `scheme:…` is absolute, `//authority/path` and `/path` are relative,
 *   and `scheme:x` without a `/` is opaque (only the scheme and fragment are read);
 * - `url.domain` is set only for a server-based authority (a valid host name, IPv4 or bracketed IPv6);
 *   an authority that is not one (`my_host`, `1.2.3.999`, a port above 2^31-1) is still accepted, without
 *   domain or port;
 * - path, query, fragment and user info are percent-decoded as UTF-8 (bad bytes become U+FFFD);
 * - visible non-ASCII characters are accepted where escapes are; ASCII space, control characters,
 *   `"` `<` `>` `\` `^` `` ` `` `{` `|` `}`, a second `#`, and `%` without two hex digits reject the string.
 */

/** The fields the decomposition produces, relative to `url.` (ECS names). */
export type UrlParts = Record<string, string | number>;

/** Thrown inside the parser; never escapes this module. */
class Rejected extends Error {}

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGIT = '0123456789';
const ALPHANUM = ALPHA + DIGIT;
const UNRESERVED = `${ALPHANUM}-_.!~*'()`;
const HEX = `${DIGIT}abcdefABCDEF`;

/** A character class of the parser: allowed ASCII characters, and whether escapes (and non-ASCII) count. */
interface CharClass {
  readonly ascii: string;
  /** `ascii` as a lookup table by char code, for speed: every http_request record goes through here. */
  readonly table: Uint8Array;
  readonly escapes: boolean;
}
function cls(ascii: string, escapes = true): CharClass {
  const table = new Uint8Array(128);
  for (let i = 0; i < ascii.length; i++) table[ascii.charCodeAt(i)] = 1;
  return { ascii, table, escapes };
}
const URIC = cls(`${UNRESERVED};/?:@&=+$,[]`);
const PATH = cls(`${UNRESERVED}:@&=+$,;/`);
const USER_INFO = cls(`${UNRESERVED};:&=+$,`);
const REG_NAME = cls(`${UNRESERVED}$,;:@&=+`);
const SERVER = cls(`${USER_INFO.ascii}.:@[]`);
const SERVER_PERCENT = cls(`${SERVER.ascii}%`);
const SCHEME = cls(`${ALPHANUM}+-.`, false);
const SCOPE_ID = cls(`${ALPHANUM}_.`, false);
const DIGITS = cls(DIGIT, false);
const HOST_LABEL = cls(ALPHANUM, false);
const HOST_LABEL_DASH = cls(`${ALPHANUM}-`, false);

const HEX_DIGITS = cls(HEX, false);
/** Whether a character code belongs to a class's ASCII characters. */
const inClass = (c: CharClass, code: number) => code < 128 && c.table[code] === 1;

/** java.net.URI's "other" characters: non-ASCII, not a space separator, not an ISO control character. */
const isOther = (c: string) => c.charCodeAt(0) > 128 && !/[\p{Zs}\p{Zl}\p{Zp}\u0080-\u009f]/u.test(c);

interface Parsed {
  scheme?: string;
  userInfo?: string;
  host?: string;
  port?: number;
  path?: string;
  query?: string;
  fragment?: string;
}

/** A port-by-port transcription of `java.net.URI.Parser` (JDK 17) for the parts the processor reads. */
class Parser {
  readonly uri: Parsed = {};

  constructor(private readonly input: string) {}

  private at(p: number, end: number, c: string): boolean {
    return p < end && this.input[p] === c;
  }

  /** Index of the first `stop` character (or `end`); -1 when an `err` character comes first. */
  private scanTo(start: number, end: number, err: string, stop: string): number {
    // The same as stepping through the characters, but by native indexOf (the sets are disjoint and ≤ 3
    // characters): a URL is scanned several times, and a character loop was 8 % of a sinkhole mapping.
    let first = end;
    for (let i = 0; i < stop.length; i++) {
      const q = this.input.indexOf(stop[i]!, start);
      if (q !== -1 && q < first) first = q;
    }
    for (let i = 0; i < err.length; i++) {
      const q = this.input.indexOf(err[i]!, start);
      if (q !== -1 && q < first) return -1;
    }
    return first;
  }

  /** Index of the first character outside `c`; throws on `%` without two hex digits where escapes count. */
  private scan(start: number, end: number, c: CharClass): number {
    const { input } = this;
    const { table, escapes } = c;
    let p = start;
    while (p < end) {
      const code = charCodeAt(input, p);
      if (code < 128 && table[code] === 1) p++;
      else if (escapes && code === 37 /* % */) {
        if (p + 3 > end || !inClass(HEX_DIGITS, charCodeAt(input, p + 1)) || !inClass(HEX_DIGITS, charCodeAt(input, p + 2))) throw new Rejected();
        p += 3;
      } else if (escapes && code > 128 && isOther(input[p]!)) p++;
      else break;
    }
    return p;
  }

  private check(start: number, end: number, c: CharClass): void {
    if (this.scan(start, end, c) < end) throw new Rejected();
  }

  parse(): Parsed {
    const n = this.input.length;
    let p = this.scanTo(0, n, '/?#', ':');
    if (p >= 0 && this.at(p, n, ':')) {
      if (p === 0 || !ALPHA.includes(this.input[0]!)) throw new Rejected();
      this.check(1, p, SCHEME);
      this.uri.scheme = this.input.slice(0, p);
      p++;
      if (this.at(p, n, '/')) p = this.parseHierarchical(p, n);
      else {
        // Opaque (`mailto:x`): no path, host or query, only the scheme-specific part and the fragment.
        const q = this.scanTo(p, n, '', '#');
        if (q <= p) throw new Rejected();
        this.check(p, q, URIC);
        p = q;
      }
    } else p = this.parseHierarchical(0, n);
    if (this.at(p, n, '#')) {
      this.check(p + 1, n, URIC);
      this.uri.fragment = this.input.slice(p + 1);
      p = n;
    }
    if (p < n) throw new Rejected();
    return this.uri;
  }

  private parseHierarchical(start: number, n: number): number {
    let p = start;
    if (this.at(p, n, '/') && this.at(p + 1, n, '/')) {
      p += 2;
      const q = this.scanTo(p, n, '', '/?#');
      if (q > p) p = this.parseAuthority(p, q);
      else if (q >= n) throw new Rejected(); // `//` alone; an empty authority before a path is allowed
    }
    let q = this.scanTo(p, n, '', '?#');
    this.check(p, q, PATH);
    this.uri.path = this.input.slice(p, q);
    p = q;
    if (this.at(p, n, '?')) {
      p++;
      q = this.scanTo(p, n, '', '#');
      this.check(p, q, URIC);
      this.uri.query = this.input.slice(p, q);
      p = q;
    }
    return p;
  }

  /** Server-based when it parses as one, else registry-based (accepted, but no host, port or user info). */
  private parseAuthority(start: number, n: number): number {
    const bracket = this.input.indexOf(']', start);
    const serverClass = bracket >= 0 && bracket < n ? SERVER_PERCENT : SERVER;
    // Registry-based characters are checked only when the server form fails (most authorities are servers).
    if (this.scan(start, n, serverClass) === n) {
      try {
        // Field by field rather than through Object.assign, V8's generic property-definition path.
        const { userInfo, host, port } = this.parseServer(start, n);
        if (userInfo !== undefined) this.uri.userInfo = userInfo;
        if (host !== undefined) this.uri.host = host;
        if (port !== undefined) this.uri.port = port;
        return n;
      } catch (error) {
        if (!this.isRegName(start, n)) throw error;
        return n;
      }
    }
    if (!this.isRegName(start, n)) throw new Rejected();
    return n;
  }

  private isRegName(start: number, n: number): boolean {
    return this.scan(start, n, REG_NAME) === n;
  }

  private parseServer(start: number, n: number): Parsed {
    const server: Parsed = {};
    let p = start;
    let q = this.scanTo(p, n, '/?#', '@');
    if (q >= p && this.at(q, n, '@')) {
      this.check(p, q, USER_INFO);
      server.userInfo = this.input.slice(p, q);
      p = q + 1;
    }
    if (this.at(p, n, '[')) {
      q = this.scanTo(p + 1, n, '/?#', ']');
      if (q <= p + 1 || !this.at(q, n, ']')) throw new Rejected();
      const [address, scope] = splitOnce(this.input.slice(p + 1, q), '%');
      if (!isIpv6(address) || (scope !== undefined && (scope === '' || this.scan(q - scope.length, q, SCOPE_ID) < q))) {
        throw new Rejected();
      }
      server.host = this.input.slice(p, q + 1);
      p = q + 1;
    } else {
      q = this.parseIPv4Address(p, n);
      if (q <= p) q = this.parseHostname(p, n);
      server.host = this.input.slice(p, q);
      p = q;
    }
    if (this.at(p, n, ':')) {
      p++;
      q = this.scanTo(p, n, '', '/');
      if (q > p) {
        this.check(p, q, DIGITS);
        const port = Number(this.input.slice(p, q));
        if (port > 2147483647) throw new Rejected(); // Integer.parseInt overflows
        server.port = port;
        p = q;
      }
    }
    if (p < n) throw new Rejected();
    return server;
  }

  /** End of a dotted-quad IPv4 address (each part at most 255) followed by the end or `:`, or -1. */
  private parseIPv4Address(start: number, n: number): number {
    let m = start;
    while (m < n && (DIGIT.includes(this.input[m]!) || this.input[m] === '.')) m++;
    if (m <= start) return -1;
    const parts = this.input.slice(start, m).split('.');
    if (parts.length !== 4 || parts.some((part) => part === '' || Number(part) > 255)) return -1;
    return m < n && this.input[m] !== ':' ? -1 : m;
  }

  /** RFC 2396 host name: dot-separated alphanumeric labels, inner dashes, the last label starting with a letter. */
  private parseHostname(start: number, n: number): number {
    let p = start;
    let last = -1;
    do {
      let q = this.scan(p, n, HOST_LABEL);
      if (q <= p) break;
      last = p;
      p = q;
      q = this.scan(p, n, HOST_LABEL_DASH);
      if (q > p) {
        if (this.input[q - 1] === '-') throw new Rejected();
        p = q;
      }
      if (!this.at(p, n, '.')) break;
      p++;
    } while (p < n);
    if (p < n && !this.at(p, n, ':')) throw new Rejected();
    if (last < 0 || (last > start && !ALPHA.includes(this.input[last]!))) throw new Rejected();
    return p;
  }
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

// ignoreBOM keeps a decoded U+FEFF, as Java's decoder does.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** `java.net.URI.decode`: runs of `%XX` are decoded together as UTF-8, malformed bytes become U+FFFD. */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return UTF8.decode(bytes);
  });
}

/**
 * Decomposes a URI reference into `url.*` fields (names relative to `url.`), or undefined when
 * `java.net.URI` rejects the string. `original` is the string as given; `port` is a number and only
 * present when explicit; `path` is present (possibly "") unless the URI is opaque.
 *
 * @example parseUriParts("https://u:p@example.com:8443/a/b.tar.gz?q=%20x#top") →
 *   { domain: "example.com", fragment: "top", path: "/a/b.tar.gz", extension: "gz", port: 8443, query: "q= x",
 *     scheme: "https", user_info: "u:p", username: "u", password: "p", original: "https://…" }
 */
export function parseUriParts(text: string): UrlParts | undefined {
  const simple = SIMPLE_URI.exec(text);
  return simple === null ? parseUriPartsByParser(text) : simpleUriParts(simple, text);
}

/** `parseUriParts` without the SIMPLE_URI shortcut (exported for the test that compares the two). */
export function parseUriPartsByParser(text: string): UrlParts | undefined {
  let uri: Parsed;
  try {
    uri = new Parser(text).parse();
  } catch (error) {
    if (error instanceof Rejected) return undefined;
    throw error;
  }
  const parts: UrlParts = {};
  if (uri.host !== undefined) parts.domain = uri.host;
  if (uri.fragment !== undefined) parts.fragment = percentDecode(uri.fragment);
  if (uri.path !== undefined) {
    const path = percentDecode(uri.path);
    parts.path = path;
    const extension = extensionOf(path);
    if (extension !== undefined) parts.extension = extension;
  }
  if (uri.port !== undefined) parts.port = uri.port;
  if (uri.query !== undefined) parts.query = percentDecode(uri.query);
  if (uri.scheme !== undefined) parts.scheme = uri.scheme;
  if (uri.userInfo !== undefined) {
    const userInfo = percentDecode(uri.userInfo);
    parts.user_info = userInfo;
    const colon = userInfo.indexOf(':');
    if (colon >= 0) {
      parts.username = userInfo.slice(0, colon);
      parts.password = userInfo.slice(colon + 1);
    }
  }
  parts.original = text;
  return parts;
}

/**
 * The common shapes, `scheme://host.name[:port][/path][?query][#fragment]` and `/path[?query][#fragment]`,
 * without escapes, user info, an IP address, brackets or non-ASCII, in one regular expression:
 * java.net.URI accepts every string it matches and splits it into these groups, so the
 * character-by-character Parser is needed only for the rest (test/ecs/url.test.ts compares the two on
 * generated strings). The host is labels of letters and digits with inner dashes, the last starting with a
 * letter (so never an IPv4 address); at most nine port digits (below 2^31); a path without an authority
 * does not start with `//` (that would be one). Written so that no two quantifiers can take the same
 * character: a failed match costs linear time, whatever the length.
 */
const SIMPLE_URI =
  /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/((?:[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*\.)*[A-Za-z][A-Za-z0-9]*(?:-+[A-Za-z0-9]+)*)(?::(\d{0,9}))?|(?!\/\/))(\/[\w\-.!~*'():@&=+$,;/]*)?(?:\?([\w\-.!~*'();/?:@&=+$,[\]]*))?(?:#([\w\-.!~*'();/?:@&=+$,[\]]*))?$/;

/** Whether `parseUriParts` takes the SIMPLE_URI shortcut for a string (for the test that compares the two). */
export function isSimpleUri(text: string): boolean {
  return SIMPLE_URI.test(text);
}

/** `parseUriParts` of a SIMPLE_URI match: the same parts in the same order (nothing to decode). */
function simpleUriParts(match: RegExpExecArray, text: string): UrlParts {
  const collector = new PartsCollector();
  writeSimpleUriParts(collector, match, text);
  return collector.parts;
}

/** A FieldSink that collects `url.*` fields as parts (`url.domain` → `domain`). */
class PartsCollector implements FieldSink {
  readonly parts: UrlParts = {};
  setField(field: FieldName, value: unknown): void {
    this.parts[field.name.slice(4)] = value as string | number;
  }
}

/** Writes a SIMPLE_URI match's `url.*` fields, in the order `parseUriPartsByParser` gives its parts. */
function writeSimpleUriParts(doc: FieldSink, match: RegExpExecArray, text: string): void {
  const [, scheme, domain, port, path = '', query, fragment] = match;
  if (domain !== undefined) doc.setField(URL_DOMAIN, domain);
  if (fragment !== undefined) doc.setField(URL_FRAGMENT, fragment);
  doc.setField(URL_PATH, path);
  const extension = extensionOf(path);
  if (extension !== undefined) doc.setField(URL_EXTENSION, extension);
  if (port !== undefined && port !== '') doc.setField(URL_PORT, Number(port));
  if (query !== undefined) doc.setField(URL_QUERY, query);
  if (scheme !== undefined) doc.setField(URL_SCHEME, scheme);
  doc.setField(URL_ORIGINAL, text);
}

/** What follows the last `.` of the last segment, or undefined without one. */
function extensionOf(path: string): string | undefined {
  // By hand: String#lastIndexOf is a C++ runtime call in V8 (together with copying the server fields by
  // hand, decomposition got 10–28 % faster).
  let dot = path.length - 1;
  while (dot >= 0 && charCodeAt(path, dot) !== 46 /* . */ && charCodeAt(path, dot) !== 47 /* / */) dot--;
  return dot >= 0 && charCodeAt(path, dot) === 46 ? path.slice(dot + 1) : undefined;
}

/**
 * Writes `url.*` for a URI string (see `parseUriParts`); returns false, writing nothing, when the value is
 * not a string or the string is rejected.
 */
export function setUrlParts(doc: FieldSink, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (stringLength(value) > MAX_CACHED_URL || !URL_CACHE.inUse()) return writeUrlParts(doc, value);
  let entries = URL_CACHE.get(value);
  if (entries === undefined) {
    const collector = new EntriesCollector();
    entries = writeUrlParts(collector, value) ? collector.entries : null;
    URL_CACHE.set(value, entries);
  }
  if (entries === null) return false;
  setFieldEntries(doc, entries);
  return true;
}

/**
 * The `url.*` fields of URI strings seen lately, as field, value, field, value… (null for a string that is
 * rejected). Decomposing a URL (regular expression, substrings, extension) cost a tenth of a sinkhole_http
 * record's mapping, and a sinkhole's traffic is a few beacon URLs over and over.
 */
const URL_CACHE = new RepeatCache<readonly unknown[] | null>();
/** Longer URLs are not kept (beacon URLs are short; 4,096 long ones would hold megabytes). */
const MAX_CACHED_URL = 512;

/** A FieldSink that keeps what is set as a flat field, value… list. */
class EntriesCollector implements FieldSink {
  readonly entries: unknown[] = [];
  setField(field: FieldName, value: unknown): void {
    this.entries.push(field, value);
  }
}

/** `setUrlParts` without the cache. */
function writeUrlParts(doc: FieldSink, value: string): boolean {
  const simple = SIMPLE_URI.exec(value);
  if (simple !== null) {
    writeSimpleUriParts(doc, simple, value);
    return true;
  }
  const parts = parseUriPartsByParser(value);
  if (parts === undefined) return false;
  for (const key in parts) doc.setField(urlField(key), parts[key]);
  return true;
}

/** The `url.*` field of a part `parseUriParts` returns (`domain` → `url.domain`), with its slot. */
export function urlField(part: string): FieldName {
  return URL_PART_FIELDS.get(part) ?? fieldUnder('url', part);
}

/** Field list entries for the `url.*` fields the decomposition may produce (for a dataset's `fields`). */
export const URL_FIELDS = {
  'url.original': 'wildcard',
  'url.scheme': 'keyword',
  'url.domain': 'keyword',
  'url.port': 'long',
  'url.path': 'wildcard',
  'url.query': 'keyword',
  'url.fragment': 'keyword',
  'url.extension': 'keyword',
  'url.user_info': 'keyword',
  'url.username': 'keyword',
  'url.password': 'keyword',
} as const;

/** `url.*` names and slots by part (`domain` → `url.domain`): one lookup per part written. */
const URL_PART_FIELDS = new Map(Object.keys(URL_FIELDS).map((name) => [name.slice('url.'.length), fieldUnder('url', name.slice('url.'.length))]));
