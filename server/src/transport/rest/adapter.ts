import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AppDeps, bearerCredentials, type Context, createContext } from '../../context';
import { AppError } from '../../errors';
import { appRouter } from '../../routers';
import { createCallerFactory } from '../../trpc';
import { readJsonBody } from '../body';
import { clientIp } from '../client-ip';
import { sendError, sendJson } from '../respond';
import { writeSse } from '../sse';
import { matchRoute } from './routes';

const createCaller = createCallerFactory(appRouter);
type Procedure = (input: unknown) => Promise<unknown>;

/** Walks the caller by a dotted path; the route table test proves every path resolves. */
export function procedureAt(caller: object, path: string): Procedure {
  let node: unknown = caller;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'function') throw new Error(`No procedure at ${path}`);
  return node as Procedure;
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
      const input = match.route.input({ params: match.params, query: url.searchParams, body });
      const abort = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      const ctx: Context = createContext(deps, {
        credentials: bearerCredentials(req.headers.authorization),
        ip: clientIp(req, deps.config.TRUST_PROXY),
        transport: 'rest',
      });
      const call = procedureAt(createCaller(ctx, { signal: abort.signal }), match.route.procedure);
      if (match.route.kind === 'stream') {
        await writeSse(res, (await call(input)) as AsyncIterable<unknown>, abort.signal);
        return;
      }
      const data = (await call(input)) as { session_token?: string };
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
