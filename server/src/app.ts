import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KnowledgeDoc } from '@aisle/shared';
import type { AnswerProvider } from './assistant/types';
import { loadCatalog } from './bootstrap/catalog';
import { loadSeedDocuments } from './bootstrap/knowledge';
import { createProvider, modelNameOf } from './bootstrap/provider';
import { storeLimitsOf } from './bootstrap/store-limits';
import type { Catalog } from './catalog/types';
import type { Config } from './config';
import type { AppDeps } from './context';
import { createModelTelemetry } from './llm/model-telemetry';
import { type Logger, openLogger } from './logger';
import { createOutageLog } from './logging/store-outage';
import { type AppMetrics, createMetrics } from './metrics/registry';
import { createServices, type Services } from './services';
import { EventBus } from './services/event-bus';
import { createStore } from './store';
import { instrumentStore } from './store/instrumented-store';
import type { Store } from './store/types';
import { startTracing, type Tracing } from './tracing';
import { createHttpServer, type ExtraRoute } from './transport/http-server';
import {
  createDashboardRoute,
  defaultDashboardDir,
  defaultStorefrontChatDir,
  STOREFRONT_CHAT,
} from './transport/static-pages';
import { attachWebSocket } from './transport/ws';

export interface App {
  server: Server;
  deps: AppDeps;
  services: Services;
  ws: ReturnType<typeof attachWebSocket>;
  /** This app's own Prometheus registry, served at /metrics. */
  metrics: AppMetrics;
  /** Base URL once listening, e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  /** Graceful: stop accepting, let in-flight requests finish (up to the deadline), close the store. */
  close(): Promise<void>;
}

export interface AppOverrides {
  log?: Logger;
  store?: Store;
  catalog?: Catalog;
  provider?: AnswerProvider;
  events?: EventBus;
  seedDocuments?: KnowledgeDoc[];
  extraRoutes?: ExtraRoute[];
  /** Tests trace into their own exporter; otherwise OTEL_EXPORTER_OTLP_ENDPOINT decides. */
  tracing?: Tracing;
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const log = overrides.log ?? (await openLogger(config.LOG_LEVEL, config.LOG_FORMAT));
  const outage = createOutageLog(log, 'redis');
  const metrics = createMetrics();
  const tracing = overrides.tracing ?? (await startTracing(config));
  const bareStore =
    overrides.store ??
    (await createStore({
      redisUrl: config.REDIS_URL,
      redisCluster: config.REDIS_CLUSTER,
      redisPrefix: config.REDIS_PREFIX,
      commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
      limits: storeLimitsOf(config),
      onConnectError: (err) => {
        outage.error(err);
        outage.down('not reachable at start-up; retrying in the background');
      },
      // An outage produces an error per reconnect attempt: one line when it starts and one
      // when it ends (logging/store-outage.ts), the errors themselves at debug.
      onError: (err) => outage.error(err),
      onStatus: (status) => (status === 'ready' ? outage.up() : outage.down('connection lost')),
      onStall: (stalled) =>
        stalled
          ? outage.down(
              `no reply within REDIS_COMMAND_TIMEOUT_MS (${config.REDIS_COMMAND_TIMEOUT_MS} ms)`,
            )
          : outage.up(),
      onGlobalWriteFailed: (err) =>
        log.warn('event not written to the global log', { error: String(err) }),
    }));
  // Every store call timed (and traced when tracing is on); same calls, same results.
  const store = instrumentStore(bareStore, { metrics: metrics.store, tracing });
  const catalog = overrides.catalog ?? (await loadCatalog(config, log));
  const modelTelemetry = (provider: AnswerProvider['name']) =>
    createModelTelemetry({ metrics: metrics.model, tracing, provider, model: modelNameOf(config) });
  const provider =
    overrides.provider ??
    (await createProvider(config, catalog, { telemetry: modelTelemetry, log }));
  const events = overrides.events ?? new EventBus(store, log);
  events.onPublished = metrics.events.published;
  const services = await createServices({
    config,
    store,
    catalog,
    provider,
    events,
    seedDocuments: overrides.seedDocuments ?? loadSeedDocuments(config),
    log,
    metrics,
  });
  const deps: AppDeps = { config, services, log, metrics, tracing };
  const server = createHttpServer(
    deps,
    [
      // A test's own routes first, so they win over the built dashboard.
      ...(overrides.extraRoutes ?? []),
      createDashboardRoute(defaultDashboardDir()),
      createDashboardRoute(defaultStorefrontChatDir(), STOREFRONT_CHAT),
    ],
    metrics,
  );
  server.keepAliveTimeout = 5000;
  const ws = attachWebSocket(server, deps, {
    maxConnectionsPerIp: config.WS_MAX_CONNECTIONS_PER_IP,
    maxSubscriptionsPerConnection: config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
    keepAliveMs: config.WS_KEEPALIVE_MS,
  });
  metrics.gaugeOf('aisle_ws_connections', 'Open WebSocket connections', () => ws.wss.clients.size);
  metrics.gaugeOf('aisle_catalog_products', 'Products in the catalog', () => catalog.size);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;

  let closing: Promise<void> | undefined;
  const shutdown = async () => {
    events.close();
    // Stop listening first: new connections are refused while the rest drains.
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    await ws.close();
    // Keep-alive sockets turn idle as their in-flight requests finish: close them as they do.
    const reaper = setInterval(() => server.closeIdleConnections(), 50);
    server.closeIdleConnections();
    const deadline = new Promise<void>((resolve) => {
      setTimeout(resolve, config.SHUTDOWN_TIMEOUT_MS).unref();
    });
    await Promise.race([drained, deadline]);
    clearInterval(reaper);
    server.closeAllConnections();
    await store.close();
    await tracing?.shutdown();
  };
  const close = () => {
    closing ??= shutdown();
    return closing;
  };

  return { server, deps, services, ws, metrics, url: `http://${host}:${port}`, port, close };
}
