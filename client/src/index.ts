import type { AppRouter } from '@aisle/server';
import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
  type TRPCLink,
} from '@trpc/client';
import { observable } from '@trpc/server/observable';
import superjson from 'superjson';
import { createdSession, SessionTokens, sessionIdOf } from './tokens';

export type { AppRouter } from '@aisle/server';
export { isTRPCClientError, TRPCClientError } from '@trpc/client';
export { SessionTokens } from './tokens';

export interface AisleClientOptions {
  /** Server base URL, e.g. http://127.0.0.1:3000 (the client appends /trpc). */
  url: string;
  /** A token you already hold (with its session id, when you have several). */
  sessionToken?: string;
  sessionId?: string;
  /** Shared token memory, e.g. to hand one client's sessions to another. */
  tokens?: SessionTokens;
  fetch?: typeof fetch;
}

export type AisleClient = TRPCClient<AppRouter>;

/** Remembers the token of every session a response creates (session.create, shopping.query). */
function tokenMemoryLink(tokens: SessionTokens): TRPCLink<AppRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) =>
        next(op).subscribe({
          next(value) {
            const result = value.result as { data?: unknown };
            const created = createdSession(result.data);
            if (created) tokens.remember(created.id, created.token);
            observer.next(value);
          },
          error: (err) => observer.error(err),
          complete: () => observer.complete(),
        }),
      );
}

/** A typed client of the Aisle API: a wrong input or procedure name is a compile error. */
export function createAisleClient(opts: AisleClientOptions): AisleClient {
  const tokens =
    opts.tokens ??
    new SessionTokens(
      opts.sessionToken
        ? { token: opts.sessionToken, ...(opts.sessionId ? { sessionId: opts.sessionId } : {}) }
        : undefined,
    );
  const url = `${opts.url.replace(/\/$/, '')}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      tokenMemoryLink(tokens),
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          connectionParams: async () => {
            const token = tokens.for(undefined);
            return token ? { sessionToken: token } : {};
          },
        }),
        false: httpLink({
          url,
          transformer: superjson,
          ...(opts.fetch ? { fetch: opts.fetch } : {}),
          headers: ({ op }) => {
            const token = tokens.for(sessionIdOf(op.input));
            return token ? { authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });
}
