import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { loadConfig, redactConfig } from '../config/load.js';
import { configReference } from '../config/reference.js';
import { DATASETS, isMapped, requireMappedDataset, findDataset } from '../datasets/index.js';
import { ConfigError } from '../errors.js';
import { generateLines, generatorFor, gzipBatches } from '../generate/index.js';
import { createLogger } from '../logger.js';
import { startCollector } from '../collector.js';
import { openGeoIp } from '../ecs/geoip.js';
import { createUserAgentParser } from '../ecs/user-agent.js';
import { formatJson, formatTable, runQuery } from './query.js';
import { fetchInputStatus, formatInputStatus } from './status.js';
import { detectLine } from '../datasets/detect.js';
import { openInput, transform } from './transform.js';
import { runSetup } from './setup.js';
import { gzipSync } from 'node:zlib';
import { addDemoCommand, offerDemo } from './demo.js';

/**
 * The `logpush` command line. Commands report problems on stderr and exit non-zero; only this module
 * and `main` end the process.
 */
class UsageError extends Error {}

function splitHostPort(value: string, flag: string): { address: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(value);
  if (m === null) throw new UsageError(`${flag} takes ADDR:PORT, e.g. 127.0.0.1:9560 (got "${value}")`);
  return { address: m[1]!.replace(/^\[(.*)\]$/, '$1'), port: Number(m[2]) };
}

interface ServeFlags {
  config?: string;
  listen?: string;
  apiListen?: string;
  dataDir?: string;
  secretHeader?: string;
  geoipCity?: string;
  geoipAsn?: string;
  logLevel?: string;
}

function configFromFlags(flags: ServeFlags) {
  const listen = flags.listen === undefined ? undefined : splitHostPort(flags.listen, '--listen');
  const api = flags.apiListen === undefined ? undefined : splitHostPort(flags.apiListen, '--api-listen');
  return loadConfig({
    file: flags.config,
    overrides: {
      'http.listen_address': listen?.address,
      'http.listen_port': listen?.port,
      'api.listen_address': api?.address,
      'api.listen_port': api?.port,
      data_dir: flags.dataDir,
      'http.secret_header': flags.secretHeader,
      'geoip.city_file': flags.geoipCity,
      'geoip.asn_file': flags.geoipAsn,
      log_level: flags.logLevel,
    },
  });
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `--dataset auto`: the dataset of each line, or the reason none matched. */
const autoDataset = (line: string) => {
  const detection = detectLine(line);
  return 'dataset' in detection ? detection.dataset : `dataset auto-detection: ${detection.reason}`;
};

export function buildProgram(): Command {
  const program = new Command('logpush')
    .description('Collects Cloudflare Logpush logs, normalises them to ECS and stores them (DuckDB by default).')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('Run the collector: the Logpush HTTP destination (127.0.0.1:9560), the store and the API (127.0.0.1:9561)')
    .option('-c, --config <file>', 'YAML or JSON configuration file')
    .option('--listen <addr:port>', 'Logpush HTTP destination address (default 127.0.0.1:9560)')
    .option('--api-listen <addr:port>', 'API and dashboard address (default 127.0.0.1:9561)')
    .option('--data-dir <dir>', 'directory of the embedded store (default ./data)')
    .option('--secret-header <name>', 'header carrying the shared secret; its value comes from LOGPUSH_SECRET_VALUE or the config')
    .option('--geoip-city <file>', 'MaxMind-format City database for *.geo.* fields')
    .option('--geoip-asn <file>', 'MaxMind-format ASN database for *.as.* fields')
    .option('--log-level <level>', 'trace, debug, info, warn, error')
    .action(async (flags: ServeFlags) => {
      const config = configFromFlags(flags);
      const logger = createLogger(config.log_level);
      const collector = await startCollector(config, logger);
      await offerDemo(collector, logger);
      if (config.http.secret_header === undefined) {
        logger.warn('no secret_header configured: anyone who can reach the endpoint can push data');
      }
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          logger.info({ signal }, 'stopping: no new batches; in-flight batches finish');
          collector.stop().then(resolve, resolve);
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      });
    });

  program
    .command('validate')
    .description('Check the configuration (file + environment), print it with secrets redacted, and exit')
    .option('-c, --config <file>', 'YAML or JSON configuration file')
    .option('-q, --quiet', 'print only "ok" or the problems')
    .action((flags: { config?: string; quiet?: boolean }) => {
      const config = loadConfig({ file: flags.config });
      if (!flags.quiet) process.stdout.write(`${JSON.stringify(redactConfig(config), null, 2)}\n`);
      process.stdout.write('ok\n');
    });

  program
    .command('transform')
    .description('Map Cloudflare records (NDJSON, gzip or plain, from FILE or stdin) to ECS documents on stdout')
    .argument('[file]', 'input file, or - for stdin', '-')
    .requiredOption('-d, --dataset <name>', 'dataset name (http_request), Cloudflare id (http_requests), or auto (recognised per record)')
    .option('-t, --tag <tag>', 'preserve_original_event or preserve_duplicate_custom_fields; others are added to tags (repeatable)', collect)
    .option('--geoip-city <file>', 'MaxMind-format City database')
    .option('--geoip-asn <file>', 'MaxMind-format ASN database')
    .action(async (file: string, flags: { dataset: string; tag?: string[]; geoipCity?: string; geoipAsn?: string }) => {
      const dataset = flags.dataset === 'auto' ? autoDataset : requireMappedDataset(flags.dataset);
      const tags = flags.tag ?? [];
      const ctx = {
        tags: tags.filter((t) => t !== 'preserve_original_event' && t !== 'preserve_duplicate_custom_fields'),
        preserveOriginalEvent: tags.includes('preserve_original_event'),
        preserveDuplicateCustomFields: tags.includes('preserve_duplicate_custom_fields'),
        geoip: openGeoIp({ cityFile: flags.geoipCity, asnFile: flags.geoipAsn }),
        userAgent: createUserAgentParser(),
      };
      const { unmatched } = await transform({ dataset, ctx, input: await openInput(file), output: process.stdout });
      if (unmatched > 0) {
        process.stderr.write(`logpush: ${unmatched} record(s) matched no dataset (error documents written in their place)\n`);
        process.exitCode = 1;
      }
    });

  program
    .command('query')
    .description('Run SQL over the store and print the result')
    .argument('<sql>', 'the SQL, e.g. "SELECT * FROM http_request LIMIT 10"')
    .option('--api <url>', 'ask a running server (e.g. http://127.0.0.1:9561)')
    .option('--token <token>', 'API bearer token (or LOGPUSH_API_TOKEN)')
    .option('--data-dir <dir>', 'open the store directly (when no server holds it)', './data')
    .addOption(new Option('--format <format>', 'table, or json (one ECS document per row)').choices(['table', 'json']).default('table'))
    .action(async (sql: string, flags: { api?: string; token?: string; dataDir: string; format: 'table' | 'json' }) => {
      const token = flags.token ?? loadConfig({}).api.auth_token;
      const result = await runQuery({ sql, api: flags.api, token, dataDir: flags.dataDir });
      process.stdout.write(flags.format === 'json' ? formatJson(result) : formatTable(result));
    });

  program
    .command('status')
    .description("Show each object-storage input (S3, SQS, GCS) of a running collector: state and last error")
    .option('--api <url>', 'the collector\'s API', 'http://127.0.0.1:9561')
    .option('--token <token>', 'API bearer token (or LOGPUSH_API_TOKEN)')
    .option('--json', 'print JSON instead of a table')
    .action(async (flags: { api: string; token?: string; json?: boolean }) => {
      const inputs = await fetchInputStatus(flags.api, flags.token ?? loadConfig({}).api.auth_token);
      process.stdout.write(flags.json ? `${JSON.stringify(inputs, null, 2)}\n` : formatInputStatus(inputs));
    });

  program
    .command('config-reference')
    .description('Print the configuration reference (Markdown), generated from the schema')
    .action(() => {
      process.stdout.write(configReference());
    });

  program
    .command('datasets')
    .description('List the 18 Logpush datasets: name, Cloudflare id, HTTP path, default prefix, field count, mapping')
    .option('--json', 'print JSON instead of a table')
    .action((flags: { json?: boolean }) => {
      const rows = DATASETS.map((d) => ({
        name: d.name,
        cloudflare_id: d.cloudflareId,
        http_path: `/${d.name}`,
        default_prefix: `${d.defaultPrefix}/`,
        fields: d.mapping === undefined ? 0 : Object.keys(d.mapping.fields).length,
        mapped: isMapped(d),
      }));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      process.stdout.write(formatTable({ columns: Object.keys(rows[0]!), rows }));
    });

  program
    .command('generate')
    .description('Write realistic Cloudflare records of a dataset (NDJSON) for demos and benchmarks')
    .requiredOption('-d, --dataset <name>', 'dataset name')
    .option('-n, --count <n>', 'number of records', (v) => Number.parseInt(v, 10), 1000)
    .option('--seed <n>', 'random seed (same seed, same records)', (v) => Number.parseInt(v, 10), 1)
    .option('--span <minutes>', 'spread event times over the last N minutes', (v) => Number.parseInt(v, 10), 60)
    .option('--gzip', 'gzip the output')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action((flags: { dataset: string; count: number; seed: number; span: number; gzip?: boolean; output?: string }) => {
      const dataset = findDataset(flags.dataset);
      if (dataset === undefined) throw new UsageError(`unknown dataset "${flags.dataset}"`);
      const generate = generatorFor(dataset.name);
      if (!Number.isInteger(flags.count) || flags.count < 0) throw new UsageError('--count takes a whole number');
      const lines = generateLines(generate, { count: flags.count, seed: flags.seed, spanMs: flags.span * 60_000 });
      const text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
      const bytes = flags.gzip ? gzipSync(text) : Buffer.from(text);
      if (flags.output === undefined) process.stdout.write(bytes);
      else writeFileSync(flags.output, bytes);
    });

  program
    .command('setup')
    .description('Install what an output needs in its store')
    .command('elasticsearch')
    .alias('opensearch')
    .description('Install index templates and the lifecycle policy for the elasticsearch/opensearch outputs of the configuration (idempotent)')
    .option('-c, --config <file>', 'YAML or JSON configuration file')
    .option('--dry-run', 'read the cluster and print what would be installed, without writing')
    .action(async (flags: { config?: string; dryRun?: boolean }) => {
      const config = loadConfig({ file: flags.config });
      await runSetup({ config, dryRun: flags.dryRun === true, print: (text) => process.stdout.write(text) });
    });

  addDemoCommand(program);

  return program;
}

export { gzipBatches };

/** Entry point of bin/logpush.js: runs a command, turning known errors into messages and exit codes. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.help' || code === 'commander.version') return;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      process.exitCode = 2;
      return;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`logpush: ${(error as Error).message}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
