import { constants as osConstants } from 'node:os';
import { type App, createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { type Logger, openLogger } from './logger';

/** After the drain's deadline, closing the store gets this long before the process gives up. */
const FORCE_AFTER_DRAIN_MS = 3000;
/** A repeat of a signal sooner than this is the same signal delivered twice (see below). */
const SIGNAL_ECHO_MS = 500;

/** Reads config, starts the server, shuts down gracefully on SIGTERM / SIGINT. Nothing else. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = await openLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  // Handlers first: as a container's PID 1, Node ignores a signal it has no handler for.
  const signals = stopOnSignals(log, config.SHUTDOWN_TIMEOUT_MS);
  const app = await createApp(config, { log });
  log.info('Aisle is listening', {
    url: app.url,
    store: app.services.store.kind,
    llm: app.services.provider.name,
    catalog: app.services.catalog.size,
  });
  signals.started(app);
}

/**
 * The first SIGTERM or SIGINT drains: the listener closes at once (new connections are
 * refused), in-flight requests get SHUTDOWN_TIMEOUT_MS to finish, then the store closes and
 * the process exits 0. A second signal exits at once, without waiting. A signal during
 * start-up exits at once too: nothing is in flight yet.
 */
function stopOnSignals(log: Logger, timeoutMs: number): { started(app: App): void } {
  let app: App | undefined;
  let firstAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    const exitCode = 128 + (osConstants.signals[signal] ?? 0);
    if (app === undefined) {
      log.info('signal during start-up: exiting', { signal });
      process.exit(exitCode);
    }
    if (firstAt === undefined) {
      firstAt = Date.now();
      log.info('shutting down', { signal, drain_timeout_ms: timeoutMs });
      // app.close() bounds the drain; this bounds what follows it (closing the store), so a
      // store that never answers cannot keep a stopping process alive.
      setTimeout(() => {
        log.error('shutdown did not finish in time: exiting', { signal });
        process.exit(1);
      }, timeoutMs + FORCE_AFTER_DRAIN_MS).unref();
      app.close().then(
        () => process.exit(0),
        (err) => {
          log.error('shutdown failed', { error: String(err) });
          process.exit(1);
        },
      );
      return;
    }
    // One Ctrl-C under `pnpm start` arrives twice: from the terminal (to the whole process
    // group) and from pnpm, which forwards it. An echo that close is not a second request.
    if (Date.now() - firstAt < SIGNAL_ECHO_MS) {
      log.debug('signal repeated at once: taken as the same one', { signal });
      return;
    }
    log.warn('second signal: exiting without waiting for in-flight requests', { signal });
    process.exit(exitCode);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    started(running: App) {
      app = running;
    },
  };
}

main().catch((err) => {
  process.stderr.write(
    `Aisle failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
