import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import { routeLabel } from '../metrics/route-label';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';
import { RequestScope } from './request-scope';
import { sessionHash } from './session-hash';

/**
 * Starts a request's scope: its id (the caller's X-Request-Id when sane, else new) goes out
 * as X-Request-Id on whatever the response is (REST, tRPC, SSE, health, metrics, errors),
 * and one access line is written when the response ends or the client leaves.
 */
export function beginHttpRequest(
  log: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  ip: string,
): RequestScope {
  const scope = new RequestScope(log.pino, requestIdOf(req.headers[REQUEST_ID_HEADER]));
  res.setHeader(REQUEST_ID_HEADER, scope.reqId);
  if (log.enabled('info')) {
    const started = { at: performance.now(), bytes: req.socket.bytesWritten, ip };
    res.once('close', () => logAccess(log, req, res, scope, started));
  }
  return scope;
}

function logAccess(
  log: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  scope: RequestScope,
  started: { at: number; bytes: number; ip: string },
): void {
  const method = req.method ?? 'GET';
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  // The route template, never the raw path or query: ids and question text stay out.
  const fields: Record<string, unknown> = {
    kind: 'http',
    method,
    route: routeLabel(method, pathname),
    status: res.statusCode,
    duration_ms: Math.round((performance.now() - started.at) * 10) / 10,
    // On the wire, headers included (socket counters: nothing is counted per write).
    bytes: req.socket.bytesWritten - started.bytes,
    reqId: scope.reqId,
    ip: started.ip,
  };
  if (scope.sessionId) fields.session = sessionHash(scope.sessionId);
  // A client that left before the end: the status is what would have been sent.
  if (!res.writableFinished) fields.aborted = true;
  log.pino.info(fields, 'request');
}
