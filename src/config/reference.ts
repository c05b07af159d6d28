import { z } from 'zod';
import { configSchema } from './schema.js';

/**
 * The configuration reference (docs/configuration.md), generated from the schema so that it cannot drift
 * from what the collector accepts. `logpush config-reference` prints it; a test checks the file.
 */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  default?: unknown;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeOf).join(' \\| ');
  if (schema.type === 'array') return `list of ${schema.items ? typeOf(schema.items) : 'values'}`;
  if (schema.type === 'integer') return 'integer';
  return Array.isArray(schema.type) ? schema.type.join(' \\| ') : schema.type ?? 'any';
}

function rows(schema: JsonSchema, prefix: string, out: string[][]): void {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (child.type === 'object' && child.properties && Object.keys(child.properties).length > 0) {
      if (child.description) out.push([`\`${path}\``, 'object', '', child.description]);
      rows(child, path, out);
      continue;
    }
    const fallback = child.default === undefined ? '' : `\`${JSON.stringify(child.default)}\``;
    out.push([`\`${path}\``, typeOf(child), fallback, (child.description ?? '').replace(/\|/g, '\\|')]);
  }
}

export function configReference(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  // The 18 dataset sections are alike: document one as `datasets.<dataset>`.
  const datasets = schema.properties!.datasets!.properties!;
  const one = Object.values(datasets)[0]!;
  const shown: JsonSchema = { ...schema, properties: { ...schema.properties, datasets: { type: 'object', properties: { '<dataset>': one } } } };
  const table: string[][] = [];
  rows(shown, '', table);
  const lines = [
    '# Configuration reference',
    '',
    'Generated from `src/config/schema.ts` by `logpush config-reference`; do not edit by hand.',
    '',
    'Precedence, lowest first: the file (`--config`, YAML or JSON), environment variables, command-line flags.',
    'Environment: `LOGPUSH_<SECTION>__<KEY>` sets a nested key (`LOGPUSH_HTTP__LISTEN_PORT=9000`, values read as JSON',
    'when they parse), `LOGPUSH_<KEY>` a top-level one (`LOGPUSH_DATA_DIR`), and `LOGPUSH_SECRET_VALUE` /',
    '`LOGPUSH_API_TOKEN` carry the two secrets. `<dataset>` is any of the 18 dataset names (`logpush datasets`).',
    'Unknown keys are errors.',
    '',
    '| key | type | default | description |',
    '| --- | --- | --- | --- |',
    ...table.map((r) => `| ${r.join(' | ')} |`),
    '',
  ];
  return lines.join('\n');
}
