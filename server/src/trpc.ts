import { SessionIdSchema } from '@aisle/shared';
import { initTRPC } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import superjson from 'superjson';
import type { Context } from './context';
import { publicError } from './error-map';
import { AppError } from './errors';
import { faultFields } from './logging/fault';
import { WireEvent } from './services/live-events';
import { hashToken, tokenMatches } from './services/tokens';
import { wellFormed } from './text/well-formed';

/**
 * superjson both ways, except for live events (WireEvent, plain JSON by construction): those
 * go out as `{json}` without superjson's walk, which a fan-out to thousands of subscribers
 * would otherwise pay per delivery. Clients decode both alike.
 */
const transformer = {
  input: superjson,
  output: {
    serialize: (value: unknown) =>
      isPlainJson(value) ? { json: value } : superjson.serialize(value),
    deserialize: superjson.deserialize,
  },
};

/** A live event, or tRPC's `{id, data}` wrapper of a tracked one. */
function isPlainJson(value: unknown): boolean {
  if (value instanceof WireEvent) return true;
  if (typeof value !== 'object' || value === null) return false;
  const { id, data } = value as { id?: unknown; data?: unknown };
  return typeof id === 'string' && data instanceof WireEvent && Object.keys(value).length === 2;
}

const t = initTRPC.context<Context>().create({
  transformer,
  // Never a stack on the wire; a stable app code and field issues instead.
  isDev: false,
  errorFormatter({ shape, error }) {
    // The one place a thrown error becomes its wire shape: codes and status come from the
    // domain error itself (errors.ts), whatever layer threw it.
    const pub = publicError(error);
    return {
      code: TRPC_ERROR_CODES_BY_KEY[pub.rpcCode],
      message: pub.code === 'INTERNAL_ERROR' ? pub.message : shape.message,
      data: {
        code: pub.rpcCode,
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

/** Unexpected errors (bugs, not domain answers) are logged once, with their stack. */
const logFaults = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR') {
    const cause = result.error.cause;
    if (!(cause instanceof AppError)) {
      // In the request's scope: the line carries its reqId (logging/request-scope.ts).
      ctx.deps.log.error('unhandled error', {
        path,
        ...faultFields(cause instanceof Error ? cause : result.error),
      });
    }
  }
  return result;
});

const sessionIdOf = (raw: unknown): string | undefined => {
  const id = (raw as { sessionId?: unknown } | null | undefined)?.sessionId;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Free text is well-formed where it enters (lone surrogates become U+FFFD), before any
 * middleware or schema reads it: both stores then keep the same text (see text/well-formed.ts).
 */
const wellFormedInput = t.middleware(({ next, getRawInput }) =>
  next({ getRawInput: async () => wellFormed(await getRawInput()) }),
);

/**
 * With tracing on, a span per procedure call (any transport), active while it runs so the
 * store and model calls it makes nest under it; failed when the call fails.
 */
const traced = t.middleware(({ ctx, next, path, type }) => {
  const tracing = ctx.deps.tracing;
  if (!tracing) return next();
  const attributes = { 'rpc.system': 'trpc', 'rpc.method': path, 'aisle.transport': ctx.transport };
  return tracing.active(`trpc ${path}`, { ...attributes, 'trpc.type': type }, async (span) => {
    const result = await next();
    if (!result.ok) span.fail(result.error.cause ?? result.error);
    return result;
  });
});

export const publicProcedure = t.procedure.use(traced).use(logFaults).use(wellFormedInput);

/**
 * A call that names no session it must own (creating one, asking a question): charged to the
 * caller's IP here. A question about an existing session spends that session's budget too,
 * once its token is proven (QuestionService).
 */
export const rateLimit = (access: 'query' | 'write') =>
  t.middleware(async ({ ctx, next }) => {
    const { limits } = ctx.deps.services;
    await limits.chargeCaller(access, ctx.ip);
    const result = await next();
    if (!result.ok) limits.noteRefusal(result.error.cause);
    return result;
  });

/**
 * Every call about an existing session, in this order: the session id validated, the
 * caller's IP charged, the token checked, and only then (for writes) the session's own
 * budget charged, so a caller without the token cannot spend it. The procedure's own input
 * schema (which includes `sessionId`) parses the rest, once.
 */
async function sessionIdInput(getRawInput: () => Promise<unknown>): Promise<string> {
  const parsed = SessionIdSchema.safeParse(sessionIdOf(await getRawInput()));
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'sessionId is required';
    throw new AppError('VALIDATION_ERROR', `Invalid input: sessionId: ${message}`, {
      issues: [{ path: 'sessionId', message }],
    });
  }
  return parsed.data;
}

const sessionGuard = (access: 'read' | 'write') =>
  t.middleware(async ({ ctx, next, getRawInput }) => {
    const id = await sessionIdInput(getRawInput);
    const { limits, sessions } = ctx.deps.services;
    await limits.chargeCaller(access, ctx.ip);
    const budget = access === 'write' ? limits.sessionBudget('write') : undefined;
    try {
      const auth = await sessions.authorize(id, ctx.sessionToken, budget);
      return next({ ctx: { session: { id, ...auth } } });
    } catch (err) {
      limits.noteRefusal(err);
      throw err;
    }
  });

/**
 * For procedures whose store work is one step (a request script): the session id validated
 * and the caller's IP charged here, but the token is checked, and for writes the session's
 * budget charged, by the store in the same round trip as the work. The procedure gets the
 * caller's `access` and must hand it to the service (no store call happens without it).
 */
const sessionOwnerGuard = (access: 'read' | 'write') =>
  t.middleware(async ({ ctx, next, getRawInput }) => {
    const id = await sessionIdInput(getRawInput);
    const { limits, sessions } = ctx.deps.services;
    await limits.chargeCaller(access, ctx.ip);
    const budget = access === 'write' ? limits.sessionBudget('write') : undefined;
    const sessionAccess = sessions.ownerAccess(ctx.sessionToken, budget);
    const result = await next({ ctx: { session: { id, access: sessionAccess } } });
    if (result.ok) sessions.proven(id);
    else limits.noteRefusal(result.error.cause);
    return result;
  });

export const sessionProcedure = publicProcedure.use(sessionGuard('read'));
export const sessionWriteProcedure = publicProcedure.use(sessionGuard('write'));
/** The caller's token checked by the store with the work itself (see sessionOwnerGuard). */
export const ownerProcedure = publicProcedure.use(sessionOwnerGuard('read'));
export const ownerWriteProcedure = publicProcedure.use(sessionOwnerGuard('write'));

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
 * Takes one of the connection's subscription slots (WebSocket connections are capped; HTTP
 * streams hold one request each anyway) and returns its release.
 */
export function subscriptionSlot(ctx: Context): () => void {
  const conn = ctx.connection;
  if (!conn) return () => {};
  if (conn.subscriptions >= conn.maxSubscriptions) {
    throw new AppError(
      'RATE_LIMITED',
      `At most ${conn.maxSubscriptions} subscriptions per connection`,
    );
  }
  conn.subscriptions += 1;
  let released = false;
  return () => {
    if (!released) conn.subscriptions -= 1;
    released = true;
  };
}

/** The same, around a stream: the slot is held for as long as the stream runs. */
export async function* withSubscriptionSlot<T>(ctx: Context, stream: AsyncIterable<T>) {
  const release = subscriptionSlot(ctx);
  try {
    yield* stream;
  } finally {
    release();
  }
}
