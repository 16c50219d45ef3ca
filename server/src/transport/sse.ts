import type { ServerResponse } from 'node:http';
import { isTrackedEnvelope } from '@trpc/server';
import { publicError } from '../error-map';

type StreamEvent = { type: string } & Record<string, unknown>;

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Relays a query stream as text/event-stream: `meta`, `token` {text}, then `done` (the same
 * object as /query's data) or `error` {code, message}. The first event is awaited before the
 * headers go out, so a request that fails at once still gets its proper status and JSON error.
 */
export async function writeSse(
  res: ServerResponse,
  events: AsyncIterable<unknown>,
  signal: AbortSignal,
): Promise<void> {
  const it = events[Symbol.asyncIterator]();
  const first = await it.next(); // throws -> caller answers with a JSON error
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const write = (value: unknown) => {
    // Unwrap tracked envelopes: a REST stream is not resumable (a client that leaves aborts
    // the answer), so no `id:` line is sent.
    const e = (isTrackedEnvelope(value) ? value[1] : value) as StreamEvent;
    const { type, ...rest } = e;
    if (type === 'token') res.write(frame('token', { text: rest.text }));
    else res.write(frame(type, rest));
  };
  try {
    let step = first;
    while (!step.done) {
      if (signal.aborted) break;
      write(step.value);
      step = await it.next();
    }
  } catch (err) {
    const pub = publicError(err);
    res.write(frame('error', { code: pub.code, message: pub.message }));
  } finally {
    if (signal.aborted) await it.return?.();
    res.end();
  }
}
