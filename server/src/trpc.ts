import { SessionIdSchema } from '@aisle/shared';
import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import type { Context } from './context';
import { publicError, toTRPCError } from './error-map';
import { AppError } from './errors';
import { hashToken, tokenMatches } from './services/tokens';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Never a stack on the wire; a stable app code and field issues instead.
  isDev: false,
  errorFormatter({ shape, error }) {
    const pub = publicError(error);
    return {
      code: shape.code,
      message: pub.code === 'INTERNAL_ERROR' ? pub.message : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: pub.status,
        path: shape.data.path,
        appCode: pub.code,
        ...(pub.issues ? { issues: pub.issues } : {}),
        ...(pub.retryAfterSeconds !== undefined
          ? { retryAfterSeconds: pub.retryAfterSeconds }
          : {}),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Domain errors thrown below become TRPCErrors with the mapped code; unknown ones are logged. */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError && result.error.code === 'INTERNAL_SERVER_ERROR') {
      throw toTRPCError(cause);
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR' && !(cause instanceof AppError)) {
      ctx.deps.log.error('unhandled error', {
        path,
        error: String(cause ?? result.error),
        stack: (cause instanceof Error ? cause : result.error).stack,
      });
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

/** Per-session and per-IP limits, shared by every instance through the store. */
export const rateLimit = (kind: 'query' | 'write') =>
  t.middleware(async ({ ctx, next, getRawInput }) => {
    const raw = (await getRawInput()) as { sessionId?: unknown } | undefined;
    const sessionId = typeof raw?.sessionId === 'string' ? raw.sessionId : undefined;
    await ctx.deps.services.limits.check(kind, { ip: ctx.ip, sessionId });
    return next();
  });

/** Every call about an existing session: its token, checked in this one place. */
export const sessionProcedure = publicProcedure
  .input(z.object({ sessionId: SessionIdSchema }))
  .use(async ({ ctx, input, next }) => {
    const auth = await ctx.deps.services.sessions.authorize(input.sessionId, ctx.sessionToken);
    return next({ ctx: { session: { id: input.sessionId, ...auth } } });
  });

export const adminProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const expected = ctx.deps.config.ADMIN_TOKEN;
  if (!expected)
    throw new AppError('FORBIDDEN', 'Admin endpoints are disabled: ADMIN_TOKEN is not set');
  if (!ctx.adminToken)
    throw new AppError('UNAUTHORIZED', 'Admin token required: Authorization: Bearer <ADMIN_TOKEN>');
  if (!tokenMatches(ctx.adminToken, hashToken(expected))) {
    throw new AppError('FORBIDDEN', 'Invalid admin token');
  }
  return next();
});

/**
 * Holds one of the connection's subscription slots for as long as the stream runs
 * (WebSocket connections are capped; HTTP streams hold one request each anyway).
 */
export async function* withSubscriptionSlot<T>(ctx: Context, stream: AsyncIterable<T>) {
  const conn = ctx.connection;
  if (conn && conn.subscriptions >= conn.maxSubscriptions) {
    throw toTRPCError(
      new AppError('RATE_LIMITED', `At most ${conn.maxSubscriptions} subscriptions per connection`),
    );
  }
  if (conn) conn.subscriptions += 1;
  try {
    yield* stream;
  } finally {
    if (conn) conn.subscriptions -= 1;
  }
}
