import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';

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
  const log = createLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  const app = await createApp(config, { log });
  log.info('Aisle is listening', {
    url: app.url,
    store: app.services.store.kind,
    llm: app.services.provider.name,
    catalog: app.services.catalog.size,
  });
  const stop = (signal: string) => {
    log.info('shutting down', { signal });
    app.close().then(
      () => process.exit(0),
      (err) => {
        log.error('shutdown failed', { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(
    `Aisle failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
