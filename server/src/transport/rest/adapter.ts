import type { IncomingMessage, ServerResponse } from 'node:http';
import { callTRPCProcedure, isTrackedEnvelope } from '@trpc/server';
import { type AppDeps, type Context, createContext } from '../../context';
import { AppError } from '../../errors';
import { appRouter } from '../../routers';
import { readJsonBody } from '../body';
import { clientIp } from '../client-ip';
import { assertSameOriginIntent } from '../csrf';
import { sendError, sendJson } from '../respond';
import {
  type CookieConfig,
  clearSessionCookie,
  credentialsFromRequest,
  hasBearer,
  sessionCookies,
  setSessionCookie,
} from '../session-cookie';
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
      // Before the body is read: a forged form post is refused as such, not as a bad body.
      if (mayUseCookie(req, match.route, match.params.id, deps.config)) {
        assertSameOriginIntent(req, deps.config);
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
        credentials: credentialsFromRequest(req, sessionIdOf(input), deps.config).credentials,
        ip: clientIp(req, deps.config.TRUST_PROXY),
        transport: 'rest',
      });
      const result: unknown = await callRoute(match.route, ctx, input, abort?.signal);
      if (match.route.kind === 'stream') {
        const stream = cookieOnFirstEvent(result as AsyncIterable<unknown>, (first) =>
          setCookieFor(req, res, deps.config, first),
        );
        await writeSse(res, stream, (abort ?? abortOnClose(res)).signal);
        return;
      }
      const data = result as { session_token?: string } | undefined;
      setCookieFor(req, res, deps.config, data);
      if (match.route.procedure === 'session.delete' && match.params.id) {
        clearSessionCookie(req, res, deps.config, match.params.id);
      }
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

/**
 * Whether the session cookie may prove ownership here, so the CSRF guard applies: no bearer
 * header, a route about a session, and the cookie of the path's session (or, where the id is
 * in the body, any Aisle session cookie: the body is not read yet).
 */
function mayUseCookie(
  req: IncomingMessage,
  route: RestRoute,
  pathId: string | undefined,
  config: CookieConfig,
): boolean {
  if (hasBearer(req)) return false;
  if (route.auth !== 'session' && route.auth !== 'optional-session') return false;
  const held = sessionCookies(req, config);
  return pathId === undefined ? held.size > 0 : held.has(pathId);
}

const sessionIdOf = (input: unknown): string | undefined => {
  const id = (input as { sessionId?: unknown } | undefined)?.sessionId;
  return typeof id === 'string' ? id : undefined;
};

/** A result that created a session (it carries the token): its cookie goes with the answer. */
function setCookieFor(
  req: IncomingMessage,
  res: ServerResponse,
  config: CookieConfig,
  data: unknown,
): void {
  const created = data as { session_id?: unknown; session_token?: unknown } | undefined;
  if (typeof created?.session_id !== 'string' || typeof created.session_token !== 'string') return;
  setSessionCookie(req, res, config, { id: created.session_id, token: created.session_token });
}

/** The stream as is, calling `onFirst` with its first event before writeSse sends the headers. */
function cookieOnFirstEvent(
  stream: AsyncIterable<unknown>,
  onFirst: (event: unknown) => void,
): AsyncIterable<unknown> {
  return {
    [Symbol.asyncIterator]() {
      const it = stream[Symbol.asyncIterator]();
      let seen = false;
      return {
        async next() {
          const step = await it.next();
          if (!seen && !step.done) {
            seen = true;
            onFirst(isTrackedEnvelope(step.value) ? step.value[1] : step.value);
          }
          return step;
        },
        return: async (value?: unknown) => (await it.return?.(value)) ?? { done: true, value },
      };
    },
  };
}
