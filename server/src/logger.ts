import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';
import { REDACT_PATHS } from './logging/redact';
import { currentRequest } from './logging/request-scope';

/**
 * The server's logger: pino underneath (JSON lines, redaction), called as `log.info(msg,
 * fields)` everywhere. Inside a request (HTTP or a WebSocket message) the app logger writes
 * through that request's child logger, so service lines carry its `reqId` without every
 * service taking a logger per call (logging/request-scope.ts).
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';

type LogFn = (msg: string, fields?: Record<string, unknown>) => void;

export interface Logger extends Record<Level, LogFn> {
  /** A logger whose lines all carry `bindings` (e.g. `{ reqId }`). */
  child(bindings: Record<string, unknown>): Logger;
  /** Whether `level` is written: check before building costly debug fields. */
  enabled(level: Level): boolean;
  /** The pino logger underneath (for libraries that take one). */
  readonly pino: PinoLogger;
}

export interface LoggerOptions {
  /** Where lines go; stdout when unset (tests pass a stream to read them). */
  destination?: DestinationStream;
}

/**
 * The logger of a running server: for `pretty`, pino-pretty is imported first (a dynamic
 * import, so JSON runs never load it and the production bundle keeps it in its own chunk).
 */
export async function openLogger(level: Level | 'silent', format: LogFormat): Promise<Logger> {
  if (format !== 'pretty' || level === 'silent') return createLogger(level);
  const { default: pretty } = await import('pino-pretty');
  const destination = pretty({
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    sync: true,
  });
  return createLogger(level, { destination });
}

/** A logger writing JSON lines to `destination` (stdout when unset). */
export function createLogger(level: Level | 'silent' = 'info', opts: LoggerOptions = {}): Logger {
  const { destination } = opts;
  const root = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // "info", not 30: readable without a lookup table, and what the old logger wrote.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination ?? (level === 'silent' ? NOWHERE : stdout()),
  );
  return adapt(root, root);
}

/** A silent logger writes nothing: it holds no stdout stream or exit hook either. */
const NOWHERE: DestinationStream = { write: () => {} };

/**
 * Async writes to stdout (fd 1) keep a slow log reader from blocking requests; pino flushes
 * what is buffered when the process exits. Every level goes to stdout: one ordered stream
 * for the log collector.
 */
function stdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

/** Async lines to a file (benches write to /dev/null to time the logger, not a terminal). */
export function fileDestination(path: string): DestinationStream {
  return pino.destination({ dest: path, sync: false });
}

/** The `(msg, fields)` call shape over pino's `(fields, msg)`. */
function adapt(target: PinoLogger, root: PinoLogger | undefined): Logger {
  // The root follows the request scope; a child is already bound to its own request.
  const current = root
    ? () => {
        const scope = currentRequest();
        return scope && scope.root === root ? scope.log : target;
      }
    : () => target;
  const at =
    (level: Level): LogFn =>
    (msg, fields) => {
      const l = current();
      if (fields) l[level](fields, msg);
      else l[level](msg);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (bindings) => adapt(current().child(bindings), undefined),
    enabled: (level) => target.isLevelEnabled(level),
    pino: target,
  };
}

export const silentLogger: Logger = createLogger('silent');
