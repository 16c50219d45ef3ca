import { Writable } from 'node:stream';
import { createLogger, type Level, type Logger } from '../logger';

/** One parsed log line. */
export type LogLine = { level: string; msg: string; time: string } & Record<string, unknown>;

/**
 * A real pino logger (same options, redaction included) writing to memory, for tests that
 * assert what a server logs. `text()` is the raw output, for "never appears" checks.
 */
export function captureLogger(level: Level = 'debug'): {
  log: Logger;
  lines(): LogLine[];
  text(): string;
} {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    log: createLogger(level, { destination }),
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as LogLine),
  };
}
