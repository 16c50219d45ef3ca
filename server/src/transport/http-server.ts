import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import {
  type AppDeps,
  bearerCredentials,
  createContext,
  mergeCredentials,
  paramsCredentials,
} from '../context';
import { publicError } from '../error-map';
import { AppError } from '../errors';
import { appRouter } from '../routers';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from './body';
import { clientIp } from './client-ip';
import { createCors } from './cors';
import { createHealthHandler } from './health';
import { sendError } from './respond';
import { createRestHandler } from './rest/adapter';
import { createOpenApiHandler } from './rest/openapi';

export type ExtraRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

/**
 * One Node HTTP server: /trpc (tRPC over HTTP), /api/v1 (REST adapter), /health*, plus any
 * extra routes (static pages). WebSocket upgrades are attached to the same server elsewhere.
 */
export function createHttpServer(deps: AppDeps, extra: ExtraRoute[] = []): Server {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ req, info }) =>
      createContext(deps, {
        credentials: mergeCredentials(
          bearerCredentials(req.headers.authorization),
          paramsCredentials(info.connectionParams),
        ),
        ip: clientIp(req, deps.config.TRUST_PROXY),
        transport: 'http',
      }),
    responseMeta: ({ errors }) => {
      const retry = errors
        .map((e) => publicError(e).retryAfterSeconds)
        .find((s) => s !== undefined);
      return retry === undefined ? {} : { headers: { 'retry-after': String(retry) } };
    },
  });
  const rest = createRestHandler(deps);
  const openapi = createOpenApiHandler();
  const health = createHealthHandler(deps);
  const cors = createCors(deps.config.CORS_ORIGINS);

  return createServer(async (req, res) => {
    try {
      if (cors(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      if (path === '/trpc' || path.startsWith('/trpc/')) return void trpc(req, res);
      if (path.startsWith('/api/v1/shopping/') || path === '/api/v1/shopping') {
        return void (await rest(req, res, url));
      }
      if (path === '/api/v1/openapi.json') return openapi(res);
      if (path === '/health' || path === '/health/live' || path === '/health/ready') {
        return void (await health(res, path));
      }
      for (const route of extra) if (route(req, res, url)) return;
      req.resume();
      sendError(res, new AppError('NOT_FOUND', `No route for ${req.method} ${path}`));
    } catch (err) {
      deps.log.error('request failed', { url: req.url, error: String(err) });
      if (!res.headersSent) sendError(res, err);
      else res.end();
    }
  });
}
