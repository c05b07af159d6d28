import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import { fieldUnder, setFieldEntries, type FieldSink } from './document.js';
import { USER_AGENT_ORIGINAL } from './fields.js';

/**
 * User-agent parsing with the uap-core rules (the rules Elasticsearch's `user_agent` processor uses),
 * producing that processor's fields. Parsing is slow (thousands per second), so results are cached by
 * the user-agent string; real traffic repeats a small set of strings.
 */
export interface UserAgentFields {
  readonly name: string;
  readonly version?: string;
  readonly 'os.name'?: string;
  readonly 'os.version'?: string;
  readonly 'os.full'?: string;
  readonly 'device.name': string;
}

export interface UserAgentParser {
  parse(userAgent: string): UserAgentFields;
  /** The same fields as ECS names (with slots) and values, flat (`user_agent.name`, value, …), cached with them. */
  ecsEntries(userAgent: string): readonly unknown[];
}

interface UapResult {
  ua: { family: string; major: string | null; minor: string | null; patch: string | null; patchMinor: string | null };
  os: { family: string; major: string | null; minor: string | null; patch: string | null; patchMinor: string | null };
  device: { family: string };
}

const require = createRequire(import.meta.url);
let sharedParser: ((text: string) => UapResult) | undefined;

interface UaRule {
  regex: string;
  family_replacement?: string;
  v1_replacement?: string;
  v2_replacement?: string;
  v3_replacement?: string;
  v4_replacement?: string;
}
type MakeParser = (rules: unknown[], maker: (rule: never) => unknown, fallback: () => unknown) => (text: string) => unknown;

/**
 * uap-ref-impl's browser rule reads only major.minor.patch; uap-core and Elasticsearch also read a fourth
 * part (`Chrome/51.0.2704.103`), so the browser rules are compiled here with that group.
 */
function makeUaRule(rule: UaRule) {
  const regex = new RegExp(rule.regex);
  return (text: string): UapResult['ua'] | null => {
    const m = regex.exec(text);
    if (m === null) return null;
    return {
      family: rule.family_replacement === undefined ? m[1] ?? 'Other' : rule.family_replacement.replace('$1', m[1] ?? ''),
      major: rule.v1_replacement ?? m[2] ?? null,
      minor: rule.v2_replacement ?? m[3] ?? null,
      patch: rule.v3_replacement ?? m[4] ?? null,
      patchMinor: rule.v4_replacement ?? m[5] ?? null,
    };
  };
}

/** Loads uap-core's regexes once per process (about 100 ms). */
function loadUapParser(): (text: string) => UapResult {
  if (sharedParser === undefined) {
    const regexes = parseYaml(readFileSync(require.resolve('uap-core/regexes.yaml'), 'utf8'));
    const makeParser = require('uap-ref-impl/lib/makeParser') as MakeParser;
    const os = require('uap-ref-impl/lib/os') as { makeParser: (r: never) => unknown; makeDefault: () => unknown };
    const device = require('uap-ref-impl/lib/device') as { makeParser: (r: never) => unknown; makeDefault: () => unknown };
    const otherUa = () => ({ family: 'Other', major: null, minor: null, patch: null, patchMinor: null });
    const parseUa = makeParser(regexes.user_agent_parsers, makeUaRule as (r: never) => unknown, otherUa);
    const parseOs = makeParser(regexes.os_parsers, os.makeParser, os.makeDefault);
    const parseDevice = makeParser(regexes.device_parsers, device.makeParser, device.makeDefault);
    sharedParser = (text) => ({ ua: parseUa(text), os: parseOs(text), device: parseDevice(text) }) as UapResult;
  }
  return sharedParser;
}

function joinVersion(...parts: (string | null)[]): string | undefined {
  if (parts[0] === null || parts[0] === undefined) return undefined;
  const present: string[] = [];
  for (const part of parts) {
    if (part === null || part === undefined) break;
    present.push(part);
  }
  return present.join('.');
}

/** Elasticsearch's mapping of a uap result: "Other" for an unknown name/device; versions only with a major. */
function toFields(result: UapResult): UserAgentFields {
  const version = joinVersion(result.ua.major, result.ua.minor, result.ua.patch, result.ua.patchMinor);
  const osVersion = joinVersion(result.os.major, result.os.minor, result.os.patch, result.os.patchMinor);
  const osMatched = result.os.family !== '' && result.os.family !== 'Other';
  return {
    name: result.ua.family || 'Other',
    ...(version === undefined ? {} : { version }),
    // No OS match → no os.* at all (Elasticsearch's processor skips the object), unlike name/device.
    ...(osMatched ? { 'os.name': result.os.family } : {}),
    ...(osMatched && osVersion !== undefined ? { 'os.version': osVersion, 'os.full': `${result.os.family} ${osVersion}` } : {}),
    'device.name': result.device.family || 'Other',
  };
}

/** A parser with an LRU-ish cache of `cacheSize` entries (cleared in halves when full). */
export function createUserAgentParser(cacheSize = 10_000): UserAgentParser {
  const parse = loadUapParser();
  const cache = new Map<string, { fields: UserAgentFields; entries: readonly unknown[] }>();
  const lookup = (userAgent: string) => {
    let parsed = cache.get(userAgent);
    if (parsed === undefined) {
      const fields = toFields(parse(userAgent));
      // Field names from the shared cache, not built per record: a fresh string is hashed on every Map.set.
      const entries = Object.entries(fields).flatMap(([key, value]) => [fieldUnder('user_agent', key), value]);
      parsed = { fields, entries };
      if (cache.size >= cacheSize) {
        let drop = cacheSize >> 1;
        for (const key of cache.keys()) {
          cache.delete(key);
          if (--drop <= 0) break;
        }
      }
      cache.set(userAgent, parsed);
    }
    return parsed;
  };
  return {
    parse: (userAgent) => lookup(userAgent).fields,
    ecsEntries: (userAgent) => lookup(userAgent).entries,
  };
}

/** Writes `user_agent.original` and the parsed fields for a non-empty user-agent string. */
export function setUserAgent(doc: FieldSink, userAgent: unknown, parser: UserAgentParser): void {
  if (typeof userAgent !== 'string' || userAgent === '') return;
  doc.setField(USER_AGENT_ORIGINAL, userAgent);
  setParsedUserAgent(doc, userAgent, parser);
}

/** Writes the parsed `user_agent.*` fields (not `original`) of a user-agent string. */
export function setParsedUserAgent(doc: FieldSink, userAgent: string, parser: UserAgentParser): void {
  setFieldEntries(doc, parser.ecsEntries(userAgent));
}

/** Field list entries for the user-agent fields. */
export const USER_AGENT_FIELDS = {
  'user_agent.original': 'keyword',
  'user_agent.name': 'keyword',
  'user_agent.version': 'keyword',
  'user_agent.os.name': 'keyword',
  'user_agent.os.version': 'keyword',
  'user_agent.os.full': 'keyword',
  'user_agent.device.name': 'keyword',
} as const;
