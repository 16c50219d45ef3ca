import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Logger } from '../logger';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';
import { enterRequest, RequestScope } from './request-scope';
import { sessionHash } from './session-hash';

/** One WebSocket connection as its access lines tell it. */
interface WsConnectionLog {
  scope: RequestScope;
  ip: string;
  socket: Socket;
  started: number;
  messagesIn: number;
}

/**
 * Access lines for WebSocket connections: one when a connection opens, one when it closes
 * (duration, close code, messages received, bytes each way), both with the connection's
 * request id (X-Request-Id of the upgrade, echoed in the 101 response). Each message runs in
 * the connection's request scope, so service lines carry the same `reqId`.
 * Per connection: one record; the listeners are shared (`this` is the socket).
 */
export function createWsAccessLog(log: Logger) {
  const connections = new WeakMap<WebSocket, WsConnectionLog>();
  const ids = new WeakMap<IncomingMessage, string>();
  const logging = log.enabled('info');

  function onMessage(this: WebSocket): void {
    const conn = connections.get(this);
    if (!conn) return;
    conn.messagesIn += 1;
    // The handler's own listener runs next, in this scope (see enterRequest).
    enterRequest(conn.scope);
  }

  function onClose(this: WebSocket, code: number): void {
    const conn = connections.get(this);
    connections.delete(this);
    if (!conn || !logging) return;
    const fields: Record<string, unknown> = {
      kind: 'ws',
      event: 'close',
      route: '/trpc',
      code,
      duration_ms: Math.round(performance.now() - conn.started),
      messages_in: conn.messagesIn,
      bytes_in: conn.socket.bytesRead,
      bytes_out: conn.socket.bytesWritten,
      reqId: conn.scope.reqId,
      ip: conn.ip,
    };
    if (conn.scope.sessionId) fields.session = sessionHash(conn.scope.sessionId);
    log.pino.info(fields, 'websocket closed');
  }

  /** The upgrade's request id, decided once: the 101 response and the lines share it. */
  const idOf = (req: IncomingMessage): string => {
    let id = ids.get(req);
    if (id === undefined) {
      id = requestIdOf(req.headers[REQUEST_ID_HEADER]);
      ids.set(req, id);
    }
    return id;
  };

  return {
    idOf,
    /** For the WebSocketServer's 'headers' event: X-Request-Id on the 101 response. */
    addHeader(headers: string[], req: IncomingMessage): void {
      headers.push(`X-Request-Id: ${idOf(req)}`);
    },
    /**
     * Registers the connection before the protocol handler: its 'message' listener must run
     * first. Returns the scope the handler's setup should run in.
     */
    opened(ws: WebSocket, reqId: string, socket: Socket, ip: string): RequestScope {
      const scope = new RequestScope(log.pino, reqId);
      connections.set(ws, { scope, ip, socket, started: performance.now(), messagesIn: 0 });
      ws.on('message', onMessage);
      ws.once('close', onClose);
      if (logging) {
        const fields = { kind: 'ws', event: 'open', route: '/trpc', reqId, ip };
        log.pino.info(fields, 'websocket opened');
      }
      return scope;
    },
    /** An upgrade refused before it became a connection (too many from one address). */
    rejected(req: IncomingMessage, status: number, ip: string): void {
      if (!logging) return;
      const fields = { kind: 'ws', event: 'rejected', status, reqId: idOf(req), ip };
      log.pino.info(fields, 'websocket refused');
    },
  };
}
