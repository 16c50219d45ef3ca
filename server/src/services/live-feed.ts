import { type FeedSink, PUSH, type PushFeed } from '../push-feed';
import { compareEventIds } from '../store/event-ids';
import type { StoredEvent } from '../store/types';
import { AsyncQueue } from './async-queue';

export interface FeedSource<T> {
  /** Adds a live listener; resolves once anything appended afterwards will reach it. */
  subscribe: (listener: (e: StoredEvent) => void) => Promise<() => void>;
  /** Calls `onGone` if the feed's session goes away; returns the unwatch. */
  watch?: (onGone: (err: Error) => void) => () => void;
  /** A page of stored events after `after` (all of them when undefined). */
  backlog: (after: string | undefined) => Promise<StoredEvent[]>;
  pageSize: number;
  /** Where to start without a last id (undefined: from the beginning of the log). */
  start: () => Promise<string | undefined>;
  idOf: (e: StoredEvent) => string;
  /** The value to deliver for an event and its id. */
  map: (e: StoredEvent, id: string) => T;
  /** Whether the feed ends after delivering this event. */
  ends: (e: StoredEvent) => boolean;
  mapError: (err: unknown) => unknown;
  /** Runs once when the feed stops, however it stops. */
  onEnd: () => void;
  signal: AbortSignal | undefined;
}

/** Live events that arrive while the backlog is read wait here; past this, the feed fails. */
const MAX_PENDING = 10_000;

/**
 * Subscribes to the live bus *before* reading the backlog, delivers the backlog, then the live
 * events that arrived meanwhile, then live ones as they come, skipping any id already
 * delivered: no gaps, no duplicates.
 */
export function createFeed<T>(source: FeedSource<T>): PushFeed<T> {
  return {
    [PUSH]: (sink) => start(source, sink),
    [Symbol.asyncIterator]: () => iterate(source),
  };
}

function start<T>(source: FeedSource<T>, sink: FeedSink<T>): () => void {
  let stopped = false;
  let live = false;
  let last: string | undefined;
  let pending: StoredEvent[] | undefined = [];
  let unsubscribe: (() => void) | undefined;
  let unwatch: (() => void) | undefined;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    pending = undefined;
    unsubscribe?.();
    unwatch?.();
    source.onEnd();
  };
  const fail = (err: unknown) => {
    if (stopped) return;
    stop();
    sink.error(source.mapError(err));
  };
  /** Delivers one event unless already delivered; false once the feed has ended. */
  const deliver = (e: StoredEvent): boolean => {
    const id = source.idOf(e);
    if (last !== undefined && compareEventIds(id, last) <= 0) return true;
    last = id;
    sink.next(source.map(e, id));
    if (!source.ends(e)) return true;
    stop();
    sink.complete();
    return false;
  };
  const onEvent = (e: StoredEvent) => {
    if (stopped) return;
    if (live) {
      deliver(e);
      return;
    }
    if (pending && pending.length >= MAX_PENDING) {
      fail(new Error(`more than ${MAX_PENDING} events arrived while the backlog was read`));
      return;
    }
    pending?.push(e);
  };

  const run = async () => {
    const off = await source.subscribe(onEvent);
    if (stopped) {
      off();
      return;
    }
    unsubscribe = off;
    unwatch = source.watch?.(fail);
    last = await source.start();
    for (;;) {
      const page = await source.backlog(last);
      if (stopped) return;
      for (const e of page) if (!deliver(e)) return;
      if (page.length < source.pageSize) break;
    }
    const caughtUp = pending ?? [];
    pending = undefined;
    live = true;
    for (const e of caughtUp) if (!deliver(e)) return;
  };
  run().catch(fail);
  return stop;
}

/** The same feed as an async iterable, ended by its signal. */
async function* iterate<T>(source: FeedSource<T>): AsyncGenerator<T> {
  const queue = new AsyncQueue<T>();
  const stop = start(source, {
    next: (v) => queue.push(v),
    error: (err) => queue.fail(err instanceof Error ? err : new Error(String(err))),
    complete: () => queue.end(),
  });
  const { signal } = source;
  const onAbort = () => queue.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (let v = await queue.next(signal); v !== undefined; v = await queue.next(signal)) {
      yield v;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stop();
  }
}
