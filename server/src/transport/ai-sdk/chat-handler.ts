import type { IncomingMessage, ServerResponse } from 'node:http';
import { QueryInputSchema } from '@aisle/shared';
import { callTRPCProcedure } from '@trpc/server';
import { pipeUIMessageStreamToResponse } from 'ai';
import { type AppDeps, type Context, createContext } from '../../context';
import { publicError } from '../../error-map';
import { appRouter } from '../../routers';
import { readJsonBody } from '../body';
import { clientIp } from '../client-ip';
import { assertSameOriginIntent } from '../csrf';
import { sendError } from '../respond';
import {
  credentialsFromRequest,
  hasBearer,
  sessionCookies,
  setSessionCookie,
} from '../session-cookie';
import { ChatRequestSchema, questionOf } from './chat-request';
import { uiMessageStream } from './chat-stream';

export { CHAT_PATH } from './chat-request';

/** The same server-side call the REST adapter makes: rate limits and slots apply as there. */
function call(
  path: string,
  type: 'mutation' | 'subscription',
  ctx: Context,
  input: unknown,
  signal?: AbortSignal,
) {
  return callTRPCProcedure({
    router: appRouter,
    path,
    type,
    getRawInput: async () => input,
    ctx,
    signal,
    batchIndex: 0,
  });
}

/**
 * A chat id with no token is a new chat: its session is created under that id. When the id is
 * taken, nothing is created and the question then fails as any unauthenticated call about
 * that session does (the same status as REST).
 */
type CreatedSession = { session_id: string; session_token: string };

async function createSession(ctx: Context, id: string): Promise<CreatedSession | undefined> {
  try {
    return (await call('session.create', 'mutation', ctx, { sessionId: id })) as CreatedSession;
  } catch (err) {
    // tRPC wraps the service's AppError; publicError reads the code through the wrapper.
    if (publicError(err).code === 'CONFLICT') return undefined;
    throw err;
  }
}

/**
 * `POST /api/v1/shopping/chat`: the AI SDK's chat request in, a UI message stream out (SSE,
 * `x-vercel-ai-ui-message-stream: v1`). The chat id is the session id; the last user message
 * is the question; the answer comes from `shopping.queryStream`, as over REST.
 */
export function createChatHandler(deps: AppDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      // A browser's chat proves ownership with the session cookie as REST does, so the same
      // CSRF guard applies, before the body is read (the chat id is in the body).
      if (!hasBearer(req) && sessionCookies(req, deps.config).size > 0) {
        assertSameOriginIntent(req, deps.config);
      }
      const chat = ChatRequestSchema.parse(await readJsonBody(req));
      // Checked before a session is created for it: a refused question leaves no empty session.
      const input = QueryInputSchema.parse({ q: questionOf(chat), sessionId: chat.id });
      const ctx = createContext(deps, {
        credentials: credentialsFromRequest(req, chat.id, deps.config).credentials,
        ip: clientIp(req, deps.config.TRUST_PROXY),
        transport: 'chat',
      });
      const created = ctx.sessionToken ? undefined : await createSession(ctx, chat.id);
      if (created) ctx.sessionToken = created.session_token;
      const events = (await call(
        'shopping.queryStream',
        'subscription',
        ctx,
        input,
        abort.signal,
      )) as AsyncIterable<unknown>;
      const it = events[Symbol.asyncIterator]();
      const first = await it.next(); // throws -> a JSON error with its status
      if (created) {
        setSessionCookie(req, res, deps.config, {
          id: created.session_id,
          token: created.session_token,
        });
      }
      await pipeUIMessageStreamToResponse({
        response: res,
        stream: uiMessageStream(first, it, abort.signal, created?.session_token),
        headers: created ? { 'x-session-token': created.session_token } : {},
      });
    } catch (err) {
      if (res.headersSent) res.end();
      else sendError(res, err);
    }
  };
}
