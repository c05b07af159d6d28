import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * End to end: HTTP POSTs over loopback from concurrent senders into a real `logpush serve` process, each
 * counted when its 200 arrives (a 200 means committed). Also reads the server's peak RSS (VmHWM).
 */
export interface EndToEndResult {
  readonly eventsPerSecond: number;
  readonly peakRssMb: number;
  readonly retries: number;
}

export async function measureEndToEnd(options: {
  readonly bin: string;
  readonly dataDir: string;
  readonly batches: readonly Buffer[];
  readonly eventsPerBatch: readonly number[];
  readonly senders: number;
}): Promise<EndToEndResult> {
  const child = spawn(process.execPath, ['--max-old-space-size=384', options.bin, 'serve', '--data-dir', options.dataDir, '--listen', '127.0.0.1:0', '--api-listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LOGPUSH_LOG_LEVEL: 'info', LOGPUSH_STORE__RETENTION_DAYS: '100000' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)","datasets"/.exec(log);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${log}`)));
  });
  let next = 0;
  let events = 0;
  let retries = 0;
  const start = process.hrtime.bigint();
  const sender = async () => {
    while (next < options.batches.length) {
      const i = next++;
      for (;;) {
        const response = await fetch(`${url}/http_request`, { method: 'POST', body: new Uint8Array(options.batches[i]!), headers: { 'content-encoding': 'gzip' } });
        await response.arrayBuffer();
        if (response.status === 200) break;
        if (response.status !== 503) throw new Error(`unexpected status ${response.status}`);
        retries++; // the bounded queue pushed back, as Cloudflare would see: try again shortly
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      events += options.eventsPerBatch[i]!;
    }
  };
  await Promise.all(Array.from({ length: options.senders }, sender));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const status = readFileSync(join('/proc', String(child.pid), 'status'), 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return { eventsPerSecond: events / seconds, peakRssMb: peakKb / 1024, retries };
}
