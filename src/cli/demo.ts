import type { Command } from 'commander';
import type { Logger } from 'pino';
import type { Collector } from '../collector.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { runDemo, secretHeaders } from '../generate/demo.js';

/**
 * `logpush demo`: sends a day of realistic events for every dataset to a running collector's Logpush
 * HTTP endpoint (the real ingest path, with the configured secret header), so a newcomer sees full
 * dashboards within a minute. `serve` points to it when the store is empty.
 */
const localHost = (address: string) => (address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address);

export function ingestUrlOf(config: Config): string {
  return `${config.http.ssl === undefined ? 'http' : 'https'}://${localHost(config.http.listen_address)}:${config.http.listen_port}`;
}

export function addDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Send a day of realistic demo events for every dataset through the Logpush HTTP endpoint of a running collector')
    .option('-c, --config <file>', 'the configuration of the running collector (for its address and secret header)')
    .option('--ingest <url>', 'ingest listener URL (default: from the configuration, http://127.0.0.1:9560)')
    .option('--scale <n>', 'multiply the number of events (1 ≈ 25,000 events)', (v) => Number.parseFloat(v), 1)
    .option('--hours <n>', 'spread the events over the last N hours', (v) => Number.parseInt(v, 10), 24)
    .action(async (flags: { config?: string; ingest?: string; scale: number; hours: number }) => {
      if (!(flags.scale > 0) || !(flags.hours > 0)) throw new Error('--scale and --hours take positive numbers');
      const config = loadConfig({ file: flags.config });
      const ingestUrl = flags.ingest ?? ingestUrlOf(config);
      const result = await runDemo({
        ingestUrl,
        headers: secretHeaders(config.http),
        scale: flags.scale,
        spanMs: flags.hours * 3_600_000,
        onProgress: (dataset, events) => process.stderr.write(`  ${dataset}: ${events} events\n`),
      });
      const api = `${config.api.ssl === undefined ? 'http' : 'https'}://${localHost(config.api.listen_address)}:${config.api.listen_port}/`;
      process.stdout.write(`sent ${result.events} demo events to ${ingestUrl}; open the dashboards at ${api}\n`);
    });
}

/** On start, an empty store gets a pointer to the dashboards and the demo. */
export async function offerDemo(collector: Collector, logger: Logger): Promise<void> {
  try {
    const { rows } = await collector.store.query('SELECT count(*) AS n FROM ingest_batches');
    if (Number(rows[0]?.n ?? 0) > 0) return;
    logger.info({ dashboard: collector.apiUrl === undefined ? undefined : `${collector.apiUrl}/` },
      'the store is empty: open the dashboard and press "Load demo data", or run `logpush demo`');
  } catch (error) {
    logger.debug({ err: error }, 'could not check whether the store is empty');
  }
}
