import type { Logger } from '../logger';

/**
 * Store outages as an operator wants them: one `warn` when the connection is lost (with the
 * first error seen), one `info` when it is back (with how long it was out), whatever the
 * number of reconnect attempts and failed requests in between. Connection errors themselves
 * go out at `debug`.
 */
export function createOutageLog(log: Logger, store: string) {
  let downSince: number | undefined;
  let lastError: string | undefined;
  // Not a request's line, even if a reconnect was triggered inside one: the root logger.
  const root = log.pino;
  return {
    error(err: unknown): void {
      lastError = err instanceof Error ? err.message : String(err);
      root.debug({ store, error: lastError }, 'store connection error');
    },
    down(detail?: string): void {
      if (downSince !== undefined) return;
      downSince = performance.now();
      root.warn({ store, error: lastError, detail }, 'store unavailable');
    },
    up(): void {
      if (downSince === undefined) return;
      const outage_ms = Math.round(performance.now() - downSince);
      downSince = undefined;
      lastError = undefined;
      root.info({ store, outage_ms }, 'store recovered');
    },
  };
}
