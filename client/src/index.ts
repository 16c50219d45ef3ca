import type { AppRouter } from '@aisle/server';
import {
  createTRPCClient,
  createWSClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
  type TRPCLink,
  type TRPCWebSocketClient,
  wsLink,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { EventSource as EventSourcePonyfill } from 'eventsource';
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
  /**
   * Subscriptions over one WebSocket (reconnecting, resuming with the last event id) instead of
   * HTTP server-sent events. Queries and mutations stay on HTTP.
   */
  realtime?: boolean | { adminToken?: string; onClose?: (code?: number) => void };
}

export type AisleClient = TRPCClient<AppRouter>;

/** Every procedure's input and output, e.g. `AisleOutputs['shopping']['query']['products']`. */
export type AisleInputs = inferRouterInputs<AppRouter>;
export type AisleOutputs = inferRouterOutputs<AppRouter>;

/** A client with a WebSocket: close it when done. */
export interface RealtimeAisleClient {
  api: AisleClient;
  ws: TRPCWebSocketClient;
  close(): Promise<void>;
}

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

function tokensFrom(opts: AisleClientOptions): SessionTokens {
  return (
    opts.tokens ??
    new SessionTokens(
      opts.sessionToken
        ? { token: opts.sessionToken, ...(opts.sessionId ? { sessionId: opts.sessionId } : {}) }
        : undefined,
    )
  );
}

/** A typed client of the Aisle API: a wrong input or procedure name is a compile error. */
export function createAisleClient(opts: AisleClientOptions): AisleClient {
  return build(opts, tokensFrom(opts), undefined);
}

/**
 * The same client with subscriptions over WebSocket (session.events, admin.events,
 * shopping.queryStream). The socket authenticates with the newest session token (or the
 * admin token) as connectionParams, and reconnects by itself.
 */
export function createRealtimeAisleClient(opts: AisleClientOptions): RealtimeAisleClient {
  const tokens = tokensFrom(opts);
  const realtime = typeof opts.realtime === 'object' ? opts.realtime : {};
  const base = opts.url.replace(/\/$/, '').replace(/^http/, 'ws');
  const ws = createWSClient({
    url: `${base}/trpc`,
    // Connects on the first subscription, so the token of a session created just before
    // (over HTTP) is in the connectionParams; reconnects pick up the newest token.
    lazy: { enabled: true, closeMs: 10_000 },
    connectionParams: () => {
      const token = tokens.for(undefined);
      return {
        ...(token ? { sessionToken: token } : {}),
        ...(realtime.adminToken ? { adminToken: realtime.adminToken } : {}),
      };
    },
    ...(realtime.onClose ? { onClose: (cause) => realtime.onClose?.(cause?.code) } : {}),
  });
  return { api: build(opts, tokens, ws), ws, close: () => ws.close() };
}

function build(
  opts: AisleClientOptions,
  tokens: SessionTokens,
  ws: TRPCWebSocketClient | undefined,
): AisleClient {
  const url = `${opts.url.replace(/\/$/, '')}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      tokenMemoryLink(tokens),
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: ws
          ? wsLink<AppRouter>({ client: ws, transformer: superjson })
          : httpSubscriptionLink({
              url,
              transformer: superjson,
              // Browsers have EventSource; Node 24 does not (without a flag).
              EventSource: globalThis.EventSource ?? EventSourcePonyfill,
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
