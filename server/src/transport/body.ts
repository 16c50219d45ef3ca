import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors';

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
  });
}
