import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { configSchema, SECRET_KEYS, type Config } from './schema.js';

/**
 * Configuration = file (YAML or JSON) < environment (`LOGPUSH_…`) < command-line flags, validated once
 * by the schema. This is the only module that reads `process.env`.
 *
 * Environment: `LOGPUSH_<SECTION>__<KEY>` sets a nested key (`LOGPUSH_HTTP__LISTEN_PORT=9000`; values are
 * read as JSON when they parse, else as text), `LOGPUSH_<TOP_KEY>` a top-level one (`LOGPUSH_DATA_DIR`),
 * and two short names carry the secrets: `LOGPUSH_SECRET_VALUE` and `LOGPUSH_API_TOKEN`.
 */
const ENV_ALIASES: Record<string, string[]> = {
  SECRET_VALUE: ['http', 'secret_value'],
  API_TOKEN: ['api', 'auth_token'],
};

type Tree = Record<string, unknown>;

export interface LoadOptions {
  /** Path of a YAML or JSON file. */
  readonly file?: string;
  /** Overrides from command-line flags, as dotted paths (`http.listen_port`). */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** The environment (defaults to process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

function setPath(tree: Tree, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const part of path.slice(0, -1)) {
    if (node[part] === null || typeof node[part] !== 'object') node[part] = {};
    node = node[part] as Tree;
  }
  node[path[path.length - 1]!] = value;
}

function readFile(file: string): Tree {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`✖ cannot read the configuration file: ${(error as Error).message}\n  → at ${file}`]);
  }
  try {
    const parsed = parseYaml(text) ?? {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the top level must be a mapping of keys');
    return parsed as Tree;
  } catch (error) {
    throw new ConfigError([`✖ ${file} is not valid YAML/JSON: ${(error as Error).message}`]);
  }
}

function parseEnvValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function applyEnv(tree: Tree, env: NodeJS.ProcessEnv): void {
  const topKeys = new Set(Object.keys(configSchema.shape));
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('LOGPUSH_') || value === undefined) continue;
    const rest = name.slice('LOGPUSH_'.length);
    const alias = ENV_ALIASES[rest];
    if (alias !== undefined) {
      setPath(tree, alias, value);
      continue;
    }
    const path = rest.toLowerCase().split('__');
    // Other LOGPUSH_ variables (e.g. test settings) are not configuration.
    if (topKeys.has(path[0]!)) setPath(tree, path, parseEnvValue(value));
  }
}

/** Loads and validates the configuration; throws ConfigError listing every problem with its path. */
export function loadConfig(options: LoadOptions = {}): Config {
  const tree: Tree = options.file === undefined ? {} : readFile(options.file);
  applyEnv(tree, options.env ?? process.env);
  for (const [path, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined) setPath(tree, path.split('.'), value);
  }
  const result = configSchema.safeParse(tree);
  if (!result.success) throw new ConfigError(z.prettifyError(result.error).split('\n'));
  const config = result.data;
  const problems = crossFieldProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopback = (address: string) => LOOPBACK.has(address) || address.startsWith('127.');

/** Rules that span several keys, reported in the same format as schema issues. */
function crossFieldProblems(config: Config): string[] {
  const problems: string[] = [];
  const { http, api } = config;
  if (http.secret_header !== undefined && http.secret_value === undefined && http.secret_values.length === 0) {
    problems.push('✖ secret_header is set but no secret_value (set it in the file or LOGPUSH_SECRET_VALUE)\n  → at http.secret_value');
  }
  if (http.secret_header === undefined && (http.secret_value !== undefined || http.secret_values.length > 0)) {
    problems.push('✖ a secret value is set but no secret_header names the header that carries it\n  → at http.secret_header');
  }
  if (api.enabled && !isLoopback(api.listen_address) && api.auth_token === undefined) {
    problems.push(
      '✖ the API and dashboard listen beyond localhost without a token; set api.auth_token (or LOGPUSH_API_TOKEN)\n  → at api.auth_token',
    );
  }
  if (http.enabled && api.enabled && http.listen_port === api.listen_port && http.listen_port !== 0) {
    problems.push('✖ the HTTP destination and the API cannot share a port\n  → at api.listen_port');
  }
  return problems;
}

/** A deep copy of the configuration with every secret replaced by "[REDACTED]". */
export function redactConfig(value: unknown, key = ''): unknown {
  if (SECRET_KEYS.has(key) && value !== undefined) return Array.isArray(value) ? value.map(() => '[REDACTED]') : '[REDACTED]';
  if (Array.isArray(value)) return value.map((v) => redactConfig(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactConfig(v, k)]));
  }
  return value;
}
