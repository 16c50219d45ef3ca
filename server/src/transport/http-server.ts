import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { faultFields } from '../logging/fault';
import { beginHttpRequest } from '../logging/http-access';
import { runInRequest } from '../logging/request-scope';
import type { AppMetrics } from '../metrics/registry';
import { routeLabel } from '../metrics/route-label';
import { appRouter } from '../routers';
import { CHAT_PATH, createChatHandler } from './ai-sdk/chat-handler';
import { limitBodyIdle } from './body';
import { clientIp } from './client-ip';
import { createCors } from './cors';
import { createHealthHandler } from './health';
import { createMetricsHandler } from './metrics-route';
import { sendError } from './respond';
import { createRestHandler } from './rest/adapter';
import { createOpenApiHandler } from './rest/openapi';
import { createTrpcHttpHandler } from './trpc-http-handler';
import { createSingleCallHandler } from './trpc-http-single';

export type ExtraRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

/**
 * One Node HTTP server: /trpc (tRPC over HTTP), /api/v1 (REST adapter), /health*, plus any
 * extra routes (static pages). WebSocket upgrades are attached to the same server elsewhere.
 */
export function createHttpServer(
  deps: AppDeps,
  extra: ExtraRoute[] = [],
  metrics?: AppMetrics,
): Server {
  const trpc = createTrpcHttpHandler(deps);
  // Single queries and mutations skip tRPC's fetch adapter (trpc-http-single.ts).
  const trpcSingle = createSingleCallHandler(
    deps,
    appRouter,
    '/trpc/',
    (req, res) => void trpc(req, res),
  );
  const rest = createRestHandler(deps);
  const openapi = createOpenApiHandler();
  const health = createHealthHandler(deps);
  const cors = createCors(deps.config.CORS_ORIGINS);

  const routes: FixedRoute[] = [
    {
      matches: (p) => p === '/trpc' || p.startsWith('/trpc/'),
      methods: ['GET', 'HEAD', 'POST'],
      handle: (req, res, url) => trpcSingle(req, res, url),
    },
    {
      // The Vercel AI SDK's chat endpoint (ai-sdk/): before the REST adapter, which owns the rest.
      matches: (p) => p === CHAT_PATH || p === `${CHAT_PATH}/`,
      methods: ['POST'],
      handle: createChatHandler(deps),
    },
    {
      // The adapter answers 405 per path itself: its route table knows each path's methods.
      matches: (p) => p === '/api/v1/shopping' || p.startsWith('/api/v1/shopping/'),
      handle: rest,
    },
    {
      matches: (p) => p === '/api/v1/openapi.json',
      methods: READ_ONLY,
      handle: (_, r) => openapi(r),
    },
    {
      matches: (p) => HEALTH_PATHS.has(p),
      methods: READ_ONLY,
      handle: (_, r, u) => health(r, u.pathname),
    },
    ...(metrics ? [metricsRoute(metrics, deps.config.METRICS_TOKEN)] : []),
  ];

  const serveRequest = async (req: IncomingMessage, res: ServerResponse) => {
    if (metrics) observeRequest(metrics, req, res);
    try {
      limitBodyIdle(req, res, deps.config.HTTP_BODY_IDLE_TIMEOUT_MS);
      if (cors(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = routes.find((r) => r.matches(url.pathname));
      if (route) return void (await serve(route, req, res, url));
      for (const extraRoute of extra) if (extraRoute(req, res, url)) return;
      req.resume();
      sendError(res, new AppError('NOT_FOUND', `No route for ${req.method} ${url.pathname}`));
    } catch (err) {
      deps.log.error('request failed', { method: req.method, ...faultFields(err) });
      if (!res.headersSent) sendError(res, err);
      else res.end();
    }
  };
  // With tracing on, each request runs inside its server span (everything it calls nests).
  const { tracing } = deps;
  const handle = tracing
    ? (req: IncomingMessage, res: ServerResponse) =>
        tracing.serveHttp(req, res, () => serveRequest(req, res))
    : serveRequest;
  return createServer(serverTimeouts(deps.config), (req, res) => {
    // X-Request-Id, the access line, and the request's logger for everything it calls.
    const scope = beginHttpRequest(deps.log, req, res, clientIp(req, deps.config.TRUST_PROXY));
    void runInRequest(scope, () => handle(req, res));
  });
}

function metricsRoute(metrics: AppMetrics, token: string | undefined): FixedRoute {
  const handler = createMetricsHandler(metrics, token);
  return { matches: (p) => p === '/metrics', methods: READ_ONLY, handle: (q, r) => handler(q, r) };
}

/** Counted when the response ends (or the client leaves), labelled by route template only. */
function observeRequest(metrics: AppMetrics, req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  res.once('close', () => {
    const method = req.method ?? 'GET';
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const seconds = (performance.now() - started) / 1000;
    metrics.httpRequest(routeLabel(method, pathname), method, res.statusCode, seconds);
  });
}

/**
 * Slow clients cannot hold sockets: headers must arrive within HTTP_HEADERS_TIMEOUT_MS and the
 * whole request within HTTP_REQUEST_TIMEOUT_MS, or Node answers 408 and closes. Node checks
 * these on an interval (30 s by default), which would stretch a short bound by up to 30 s.
 */
function serverTimeouts(config: AppDeps['config']): ServerOptions {
  return {
    headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: Math.min(1000, Math.ceil(config.HTTP_HEADERS_TIMEOUT_MS / 4)),
  };
}

/** A path this server owns, and the methods it serves there (unset: the handler decides). */
interface FixedRoute {
  matches(path: string): boolean;
  methods?: readonly string[];
  handle(req: IncomingMessage, res: ServerResponse, url: URL): void | Promise<void>;
}

const READ_ONLY = ['GET', 'HEAD'] as const;
const HEALTH_PATHS = new Set(['/health', '/health/live', '/health/ready']);

/**
 * Any other method is refused here with 405 and Allow: tRPC's handler answered TRACE with a
 * 500 and PUT or DELETE with a misleading 415, and the health and OpenAPI routes with 200.
 */
async function serve(route: FixedRoute, req: IncomingMessage, res: ServerResponse, url: URL) {
  const method = req.method ?? 'GET';
  if (route.methods && !route.methods.includes(method)) {
    req.resume();
    const err = new AppError('METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}`);
    sendError(res, err, { allow: route.methods.join(', ') });
    return;
  }
  await route.handle(req, res, url);
}
