import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors';
import { sendError } from './respond';

export const MAX_BODY_BYTES = 64 * 1024;
/** At most this many tRPC calls in one request or WebSocket frame. */
export const MAX_BATCH_SIZE = 10;

/**
 * Reads a JSON body with a hard size cap (413), a content-type check (415) and a clear 400
 * for malformed JSON. An empty body is `undefined`.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes`);
  }
  const body = await readAll(req, limit);
  const size = body.length;
  if (size === 0) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && !type?.endsWith('+json')) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type must be application/json (got ${type || 'none'})`,
    );
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new AppError('VALIDATION_ERROR', `Malformed JSON body: ${(err as Error).message}`, {
      issues: [{ path: '(body)', message: 'not valid JSON' }],
    });
  }
}

/** Event-based read (cheaper than `for await` on a request); rejects past `limit` bytes. */
function readAll(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)),
    );
    req.once('error', reject);
    // Cut by the body idle timeout (or the client gone): no 'end' will come. 'close' also
    // follows a complete body: the error (and its stack trace) is built only when it means one.
    req.once('close', () => {
      if (!req.complete) reject(new AppError('REQUEST_TIMEOUT', 'The request body stopped'));
    });
  });
}

const hasBody = (req: IncomingMessage) =>
  Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

/**
 * A body that stops arriving for `idleMs` is answered 408 and its connection closed, whoever
 * reads it (tRPC's handler reads its own): otherwise a client that sends a few bytes now and
 * then holds a socket until the whole-request timeout, and one that sends nothing more holds
 * it for as long as that timeout too. Once the body is in, the socket's idleness is the
 * response's business (a streamed answer may pause), so the timer is cleared.
 */
export function limitBodyIdle(req: IncomingMessage, res: ServerResponse, idleMs: number): void {
  if (!hasBody(req)) return;
  req.setTimeout(idleMs, () => {
    if (req.complete) return;
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    const err = new AppError('REQUEST_TIMEOUT', `No request body data for ${idleMs} ms`);
    sendError(res, err, { connection: 'close' });
  });
  req.once('end', () => {
    // After the response ended Node has set the keep-alive timer on the socket: leave it.
    if (!res.writableEnded) req.setTimeout(0);
  });
}
