import type { RecordGenerator } from './types.js';
import { HOSTS, PATHS, type Random } from './random.js';

const SCRIPTS = ['api-gateway', 'image-resizer', 'auth-edge', 'cron-cleanup', 'queue-consumer'] as const;
const METHODS = [['GET', 70], ['POST', 20], ['PUT', 4], ['DELETE', 3], ['OPTIONS', 3]] as const;
const OUTCOMES = [['ok', 90], ['exception', 5], ['exceededCpu', 2], ['exceededMemory', 1], ['canceled', 2]] as const;
const EXCEPTIONS = [
  ["TypeError", "Cannot read properties of undefined (reading 'id')"],
  ['Error', 'Upstream responded with 502'],
  ['SyntaxError', 'Unexpected token < in JSON at position 0'],
] as const;

/** The trigger of the invocation: the `Event` object Cloudflare logs for each event type. */
function triggerEvent(random: Random, type: string, timeMs: number, outcome: string): Record<string, unknown> {
  switch (type) {
    case 'scheduled':
      return { Cron: random.pick(['*/5 * * * *', '0 * * * *', '0 3 * * *']), ScheduledTime: timeMs - (timeMs % 60_000) };
    case 'queue':
      return { Queue: random.pick(['orders', 'emails', 'thumbnails']), BatchSize: random.int(1, 100) };
    case 'alarm':
      return { ScheduledTime: new Date(timeMs).toISOString() };
    default: {
      const status = outcome === 'ok' ? random.weighted([[200, 80], [304, 8], [404, 8], [401, 4]] as const) : 500;
      return {
        RayID: random.hex(16),
        Request: { URL: `https://${random.pick(HOSTS)}${random.pick(PATHS)}`, Method: random.weighted(METHODS) },
        Response: { Status: status },
      };
    }
  }
}

/** One Workers trace event: an invocation of a Worker script, its console logs and any uncaught exception. */
export const generateWorkersTrace: RecordGenerator = (random, timeMs) => {
  const eventType = random.weighted([['fetch', 85], ['scheduled', 6], ['queue', 6], ['alarm', 3]] as const);
  const outcome = random.weighted(OUTCOMES);
  const logs = Array.from({ length: random.int(0, 3) }, (_, i) => ({
    Level: random.weighted([['log', 6], ['info', 2], ['warn', 1], ['error', outcome === 'exception' ? 4 : 0]] as const),
    Message: [`step ${i + 1} done in ${random.int(1, 40)} ms`],
    TimestampMs: timeMs + i,
  }));
  const [name, message] = random.pick(EXCEPTIONS);
  return {
    CPUTimeMs: random.int(0, outcome === 'exceededCpu' ? 50 : 10),
    DispatchNamespace: random.chance(0.2) ? 'customer-workers' : '',
    Entrypoint: 'default',
    Event: triggerEvent(random, eventType, timeMs, outcome),
    EventTimestampMs: timeMs,
    EventType: eventType,
    Exceptions: outcome === 'exception' ? [{ Name: name, Message: message, TimestampMs: timeMs + logs.length }] : [],
    Logs: logs,
    Outcome: outcome,
    ScriptName: random.pick(SCRIPTS),
    ScriptTags: random.chance(0.5) ? ['production'] : [],
    ScriptVersion: { ID: random.uuid(), Tag: '', Message: '' },
    WallTimeMs: random.int(1, 800),
  };
};
