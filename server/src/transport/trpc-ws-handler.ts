import type { IncomingMessage } from 'node:http';
import type { AnyTRPCRouter, TRPCError } from '@trpc/server';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { Connection, type ConnectionDeps, type CreateWsContext, OPEN } from './trpc-ws-connection';

/**
 * tRPC's WebSocket protocol (the one `wsLink` speaks) serving a router, built to be small per
 * connection and cheap per delivery. Same wire format as `applyWSSHandler` (a conformance
 * test replays the same conversations against both), but:
 *
 * - per connection: one object and no closures (the socket listeners are shared functions);
 * - per subscription to a feed that pushes (ours): one PushSubscription object, and no
 *   pending promise or suspended async function; to any other iterable: one AbortController
 *   and one loop over the iterator, with no race promise per event;
 * - per delivery: a plain-JSON event is stringified and framed once, however many subscribers
 *   get it, and the one frame is written to each socket (ws-prebuilt-frame.ts).
 *
 * tRPC's handler spends ~15 KB per subscribed connection and a superjson walk per delivery
 * per subscriber; at thousands of dashboard and session subscribers that is the bill.
 *
 * The parts: trpc-ws-messages.ts (what clients send), trpc-ws-connection.ts (one socket),
 * trpc-ws-push-subscription.ts (one pushed subscription), trpc-ws-frames.ts (shared frames),
 * ws-prebuilt-frame.ts (a frame written under ws); ws.ts adds limits and keep-alive.
 */

export interface TrpcWsOptions<TContext> {
  router: AnyTRPCRouter;
  createContext: CreateWsContext<TContext>;
  maxBatchSize: number;
  /** Errors of calls that fail after setup; the default logs nothing (middleware logs). */
  onError?: (error: TRPCError, path: string | undefined) => void;
  /** A subscription opened; returns what to call once it has ended. */
  onSubscribe?: (path: string) => () => void;
}

export function createTrpcWsHandler<TContext>(opts: TrpcWsOptions<TContext>) {
  const deps = connectionDeps(opts);
  const connections = new WeakMap<WebSocket, Connection<TContext>>();
  const listeners = socketListeners(connections);
  return {
    /** Serves one accepted socket; `req` is what contexts may read (URL, headers, address). */
    accept(ws: WebSocket, req: IncomingMessage): void {
      connections.set(ws, new Connection(deps, ws, req, awaitsConnectionParams(req.url)));
      ws.on('message', listeners.onMessage);
      ws.on('error', listeners.onError);
      // `on`, not `once`: 'close' comes once anyway, and `once` wraps each listener in a
      // closure of its own per socket.
      ws.on('close', listeners.onClose);
    },
    broadcastReconnectNotification,
  };
}

export function connectionDeps<TContext>(opts: TrpcWsOptions<TContext>): ConnectionDeps<TContext> {
  return {
    router: opts.router,
    config: opts.router._def._config,
    createContext: opts.createContext,
    maxBatchSize: opts.maxBatchSize,
    onError: opts.onError,
    onSubscribe: opts.onSubscribe,
  };
}

/** A `?connectionParams=1` client sends its params as its first message, before any call. */
export function awaitsConnectionParams(url: string | undefined): boolean {
  return /[?&]connectionParams=1(?:&|$)/.test(url ?? '');
}

/**
 * The socket listeners, created once per handler and shared by every socket (a connection
 * costs its Connection object, not a set of closures); `this` is the socket.
 */
export function socketListeners<TContext>(connections: WeakMap<WebSocket, Connection<TContext>>) {
  return {
    onMessage(this: WebSocket, raw: RawData, isBinary: boolean): void {
      connections.get(this)?.message(raw, isBinary);
    },
    onClose(this: WebSocket): void {
      connections.get(this)?.closed();
      connections.delete(this);
    },
    onError(): void {
      // A socket error is followed by 'close', which cleans up; nothing to add here.
    },
  };
}

/** Tells every client to reconnect (to another instance), as tRPC's handler does. */
export function broadcastReconnectNotification(wss: WebSocketServer): void {
  const data = JSON.stringify({ id: null, method: 'reconnect' });
  for (const ws of wss.clients) if (ws.readyState === OPEN) ws.send(data);
}
