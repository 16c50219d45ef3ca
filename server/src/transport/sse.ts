import type { ServerResponse } from 'node:http';
import { ANSWER_POSITION_PATTERN } from '@aisle/shared';
import { isTrackedEnvelope } from '@trpc/server';
import { publicError } from '../error-map';

type StreamEvent = { type: string } & Record<string, unknown>;

/** The position after `id`: where the answer log keeps the error that ended the answer. */
function nextPosition(id: string | undefined): string | undefined {
  const m = id === undefined ? null : ANSWER_POSITION_PATTERN.exec(id);
  return m ? `${m[1]}~${Number(m[2]) + 1}` : undefined;
}

/** An `id:` line (the answer log's position) makes the event a point to resume after. */
function frame(event: string, data: unknown, id?: string): string {
  const idLine = id === undefined ? '' : `id: ${id}\n`;
  return `${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Relays a query stream as text/event-stream: `meta`, `token` {text}, then `done` (the same
 * object as /query's data) or `error` {code, message}, each with the `id:` of its tracked
 * envelope. The first event is awaited before the headers go out, so a request that fails at
 * once still gets its proper status and JSON error; a stream with nothing left to send (a
 * reconnect after `done`) answers 204, which tells an EventSource to stop reconnecting.
 */
export async function writeSse(
  res: ServerResponse,
  events: AsyncIterable<unknown>,
  signal: AbortSignal,
): Promise<void> {
  const it = events[Symbol.asyncIterator]();
  const first = await it.next(); // throws -> caller answers with a JSON error
  if (first.done) {
    res.writeHead(204).end();
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let lastId: string | undefined;
  const write = (value: unknown) => {
    const [id, e] = isTrackedEnvelope(value)
      ? [value[0], value[1] as StreamEvent]
      : [undefined, value as StreamEvent];
    lastId = id;
    const { type, ...rest } = e;
    if (type === 'token') res.write(frame('token', { text: rest.text }, id));
    else res.write(frame(type, rest, id));
  };
  try {
    let step: IteratorResult<unknown> = first;
    while (!step.done) {
      if (signal.aborted) break;
      write(step.value);
      step = await it.next();
    }
  } catch (err) {
    const pub = publicError(err);
    res.write(frame('error', { code: pub.code, message: pub.message }, nextPosition(lastId)));
  } finally {
    if (signal.aborted) await it.return?.();
    res.end();
  }
}
