import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { type AppDeps, type Context, createContext, paramsCredentials } from '../context';
import { runInRequest } from '../logging/request-scope';
import { createWsAccessLog } from '../logging/ws-access';
import type { AppMetrics } from '../metrics/registry';
import { procedureLabel } from '../metrics/route-label';
import { appRouter } from '../routers';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from './body';
import { clientIp } from './client-ip';
import { createTrpcWsHandler } from './trpc-ws-handler';
import { KeepAlive } from './ws-keepalive';

export interface WsLimits {
  maxConnectionsPerIp: number;
  maxSubscriptionsPerConnection: number;
  /** A socket with more unsent bytes than this is a slow consumer and is dropped. */
  maxBufferedBytes: number;
  /** Ping interval; a socket that misses a whole interval is dropped. */
  keepAliveMs?: number;
}

/** Close code for a client that stopped reading (application range 4000-4999). */
export const CLOSE_SLOW_CONSUMER = 4008;

/** A WebSocket connection's context: credentials from connectionParams, a subscription cap. */
export function wsContextFactory(
  deps: AppDeps,
  limits: Pick<WsLimits, 'maxSubscriptionsPerConnection'>,
) {
  return ({
    req,
    connectionParams,
  }: {
    req: IncomingMessage;
    connectionParams: Record<string, string | undefined> | null;
  }): Context => ({
    ...createContext(deps, {
      credentials: paramsCredentials(connectionParams),
      ip: clientIp(req, deps.config.TRUST_PROXY),
      transport: 'ws',
    }),
    connection: { subscriptions: 0, maxSubscriptions: limits.maxSubscriptionsPerConnection },
  });
}

/**
 * tRPC over WebSocket on the same port as HTTP (path /trpc): the same appRouter, auth from
 * connectionParams, per-IP connection caps, keep-alive, and slow consumers dropped.
 */
export function attachWebSocket(server: Server, deps: AppDeps, limits: WsLimits) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  const perIp = new Map<string, number>();
  const access = createWsAccessLog(deps.log);
  wss.on('headers', access.addHeader);

  // Keep-alive is ours (one sweep for all sockets, below), not a timer per connection.
  const handler = createTrpcWsHandler({
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: wsContextFactory(deps, limits),
    // Open subscriptions by procedure; unknown paths share one label (bounded cardinality).
    ...(deps.metrics ? { onSubscribe: subscriptionGauge(deps.metrics) } : {}),
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/trpc' && path !== '/trpc/') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const ip = clientIp(req, deps.config.TRUST_PROXY);
    const open = perIp.get(ip) ?? 0;
    if (open >= limits.maxConnectionsPerIp) {
      access.rejected(req, 429, ip);
      socket.end('HTTP/1.1 429 Too Many Requests\r\nRetry-After: 10\r\nConnection: close\r\n\r\n');
      return;
    }
    perIp.set(ip, open + 1);
    // The connection keeps its request for its life: hand it only what it reads (the URL
    // for connectionParams, the host) and the resolved client address. Built out here so no
    // closure below keeps the full upgrade request alive.
    const slim = {
      url: req.url,
      headers: { host: req.headers.host },
      socket: { remoteAddress: ip },
    } as unknown as IncomingMessage;
    const reqId = flatCopy(access.idOf(req));
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, slim, ip, reqId, socket as Socket));
  };
  // Each socket's address for the per-IP count: a WeakMap entry, not a closure per socket.
  const ipOf = new WeakMap<WebSocket, string>();
  function onClose(this: WebSocket) {
    const ip = ipOf.get(this);
    if (ip === undefined) return;
    ipOf.delete(this);
    release(ip);
    keepAlive.remove(this);
  }
  const accept = (ws: WebSocket, slim: IncomingMessage, ip: string, reqId: string, raw: Socket) => {
    ipOf.set(ws, ip);
    ws.on('close', onClose);
    keepAlive.add(ws);
    // Access lines, and the connection's request scope for the handler (and its context).
    const scope = access.opened(ws, reqId, raw, ip);
    runInRequest(scope, () => handler.accept(ws, slim));
  };
  const release = (ip: string) => {
    const left = (perIp.get(ip) ?? 1) - 1;
    if (left <= 0) perIp.delete(ip);
    else perIp.set(ip, left);
  };
  server.on('upgrade', onUpgrade);

  // Slow consumers: checked on a timer rather than per send, so a socket costs nothing extra.
  const sweep = setInterval(() => {
    for (const ws of wss.clients) dropIfSlow(ws, limits.maxBufferedBytes);
  }, 200);
  sweep.unref();
  // Keep-alive: a ping every interval, spread over it; a socket that did not answer the last
  // one is dropped.
  const keepAlive = new KeepAlive(limits.keepAliveMs ?? 30_000);

  return {
    wss,
    connectionsFrom: (ip: string) => perIp.get(ip) ?? 0,
    /** Tells clients to reconnect (to another instance), then closes every socket. */
    async close(): Promise<void> {
      clearInterval(sweep);
      keepAlive.stop();
      server.off('upgrade', onUpgrade);
      handler.broadcastReconnectNotification(wss);
      await new Promise((r) => setTimeout(r, 100));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * A generated request id (randomUUID) is a tree of ~16 concatenated strings (~450 bytes); a
 * connection keeps its id for hours, so it keeps one flat copy instead.
 */
function flatCopy(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

function dropIfSlow(ws: WebSocket, maxBufferedBytes: number): void {
  if (ws.bufferedAmount <= maxBufferedBytes || ws.readyState !== ws.OPEN) return;
  ws.close(CLOSE_SLOW_CONSUMER, 'slow consumer: too much unsent data');
  // The close frame waits behind the unsent data; do not wait for a reader that is gone.
  setTimeout(() => ws.terminate(), 1000).unref();
}

function subscriptionGauge(metrics: AppMetrics) {
  return (path: string) => metrics.events.subscribed(procedureLabel(path));
}
