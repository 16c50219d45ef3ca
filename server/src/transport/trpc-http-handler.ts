import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import {
  type AppDeps,
  bearerCredentials,
  createContext,
  mergeCredentials,
  paramsCredentials,
} from '../context';
import { publicError } from '../error-map';
import { appRouter } from '../routers';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from './body';
import { clientIp } from './client-ip';

/**
 * tRPC's own Node handler for /trpc: batches, streamed responses and subscriptions (SSE), and
 * the reference the single-call path (trpc-http-single.ts) answers like.
 */
export function createTrpcHttpHandler(deps: AppDeps) {
  return createHTTPHandler({
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
}
