import pino, { type Logger } from 'pino';

/** pino, readable (pino-pretty) on a terminal and JSON lines otherwise. Logs go to stderr. */
export function createLogger(level: string, pretty = process.stderr.isTTY === true): Logger {
  if (pretty) {
    return pino({ level, transport: { target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return pino({ level }, pino.destination(2));
}
