import type { IncomingMessage, ServerResponse } from 'node:http';
import { callTRPCProcedure } from '@trpc/server';
import { type AppDeps, bearerCredentials, type Context, createContext } from '../../context';
import { AppError } from '../../errors';
import { appRouter } from '../../routers';
import { readJsonBody } from '../body';
import { clientIp } from '../client-ip';
import { sendError, sendJson } from '../respond';
import { writeSse } from '../sse';
import { schemasOf } from './route-schemas';
import { matchRoute, type RestRoute } from './routes';

/** tRPC's own server-side call (what createCaller uses), without building a caller proxy. */
function callRoute(
  route: RestRoute,
  ctx: Context,
  input: unknown,
  signal: AbortSignal | undefined,
) {
  return callTRPCProcedure({
    router: appRouter,
    path: route.procedure,
    type: route.kind === 'stream' ? 'subscription' : route.method === 'GET' ? 'query' : 'mutation',
    getRawInput: async () => input,
    ctx,
    signal,
    batchIndex: 0,
  });
}

/**
 * Where a stream resumes: the `Last-Event-ID` header (what an EventSource sends when it
 * reconnects, so it wins), else a `lastEventId` query parameter (for clients that cannot set
 * headers), else the input's own field.
 */
function withLastEventId(input: unknown, req: IncomingMessage, url: URL): unknown {
  const header = req.headers['last-event-id'];
  const id = (typeof header === 'string' ? header : '') || url.searchParams.get('lastEventId');
  // An empty id is no id (EventSource sends none before its first event id).
  if (!id || typeof input !== 'object' || input === null) return input;
  return { ...input, lastEventId: id };
}

/** Aborts when the client goes away before the response is complete. */
function abortOnClose(res: ServerResponse): AbortController {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  return abort;
}

/**
 * The /api/v1/shopping adapter: a route table onto the same procedures (server-side caller),
 * wrapping results as {"success": true, "data": ...}. No business logic lives here.
 */
export function createRestHandler(deps: AppDeps, basePath = '/api/v1/shopping') {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      const path = url.pathname.slice(basePath.length) || '/';
      const method = req.method ?? 'GET';
      const { match, allowed } = matchRoute(method, path);
      if (!match) {
        req.resume();
        if (allowed.length === 0) {
          throw new AppError('NOT_FOUND', `No route for ${method} ${url.pathname}`);
        }
        const err = new AppError(
          'METHOD_NOT_ALLOWED',
          `${method} is not allowed on ${url.pathname}`,
        );
        sendError(res, err, { allow: allowed.join(', ') });
        return;
      }
      const hasBody = method !== 'GET' && method !== 'DELETE';
      const body = hasBody ? await readJsonBody(req) : req.resume() && undefined;
      const parsed = schemasOf(match.route).toInput({
        params: match.params,
        query: url.searchParams,
        body,
      });
      const input = match.route.kind === 'stream' ? withLastEventId(parsed, req, url) : parsed;
      // Only where the procedure can use it: a signal and a listener per request are not free.
      const cancellable = match.route.cancellable || match.route.kind === 'stream';
      const abort = cancellable ? abortOnClose(res) : undefined;
      const ctx: Context = createContext(deps, {
        credentials: bearerCredentials(req.headers.authorization),
        ip: clientIp(req, deps.config.TRUST_PROXY),
        transport: 'rest',
      });
      const result: unknown = await callRoute(match.route, ctx, input, abort?.signal);
      if (match.route.kind === 'stream') {
        const stream = result as AsyncIterable<unknown>;
        await writeSse(res, stream, (abort ?? abortOnClose(res)).signal);
        return;
      }
      const data = result as { session_token?: string } | undefined;
      const headers: Record<string, string> = data?.session_token
        ? { 'x-session-token': data.session_token }
        : {};
      sendJson(res, 200, { success: true, data }, headers);
    } catch (err) {
      if (res.headersSent) res.end();
      else sendError(res, err);
    }
  };
}
