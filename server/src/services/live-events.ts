import { sessionNotFound } from '../errors';
import { compareEventIds } from '../store/event-ids';
import type { Store, StoredEvent } from '../store/types';
import { AsyncQueue } from './async-queue';
import type { EventBus } from './event-bus';

export interface WireEvent {
  id: string;
  type: string;
  session_id: string;
  timestamp: string;
  data: Record<string, unknown>;
}

const BACKLOG_PAGE = 500;

const toWire = (e: StoredEvent, id: string): WireEvent => ({
  id,
  type: e.type,
  session_id: e.sessionId,
  timestamp: e.timestamp,
  data: e.data,
});

/**
 * Resumable event feeds. Each subscribes to the live bus *before* reading the backlog, then
 * yields the backlog after `lastEventId`, then live events, skipping any id already yielded:
 * no gaps, no duplicates.
 */
export class LiveEvents {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly watchIntervalMs = 30_000,
  ) {}

  sessionFeed(sessionId: string, lastEventId: string | undefined, signal?: AbortSignal) {
    return this.feed({
      accept: (e) => e.sessionId === sessionId,
      idOf: (e) => e.sessionEventId,
      backlog: (after) => this.store.readSessionEvents(sessionId, after, BACKLOG_PAGE),
      lastEventId,
      signal,
      endsWith: 'session.deleted',
      watch: () => this.assertSessionAlive(sessionId),
    });
  }

  globalFeed(lastEventId: string | undefined, signal?: AbortSignal) {
    return this.feed({
      accept: () => true,
      idOf: (e) => e.globalEventId,
      backlog: (after) => this.store.readGlobalEvents(after, BACKLOG_PAGE),
      lastEventId,
      signal,
      // A fresh dashboard starts from now (admin.overview paints the past), not 10,000 events back.
      startAtEnd: () => this.store.lastGlobalEventId(),
    });
  }

  /** Ends a session feed when the session is gone (deleted elsewhere or expired). */
  async assertSessionAlive(sessionId: string): Promise<void> {
    if (!(await this.store.authenticate(sessionId, Date.now()))) throw sessionNotFound(sessionId);
  }

  private async *feed(opts: {
    accept: (e: StoredEvent) => boolean;
    idOf: (e: StoredEvent) => string;
    backlog: (after: string | undefined) => Promise<StoredEvent[]>;
    lastEventId: string | undefined;
    signal: AbortSignal | undefined;
    endsWith?: string;
    startAtEnd?: () => Promise<string>;
    /** Re-checked periodically; a failure ends the feed (an expired session stops being served). */
    watch?: () => Promise<void>;
  }): AsyncGenerator<WireEvent> {
    const queue = new AsyncQueue<StoredEvent>();
    const unsubscribe = await this.bus.subscribe((e) => {
      if (opts.accept(e)) queue.push(e);
    });
    const watchdog = opts.watch
      ? setInterval(() => {
          opts.watch?.().catch((err: Error) => queue.fail(err));
        }, this.watchIntervalMs)
      : undefined;
    watchdog?.unref();
    try {
      let last = opts.lastEventId ?? (await opts.startAtEnd?.());
      for (;;) {
        const page = await opts.backlog(last);
        for (const e of page) {
          last = opts.idOf(e);
          yield toWire(e, last);
          if (e.type === opts.endsWith) return;
        }
        if (page.length < BACKLOG_PAGE) break;
      }
      for await (const e of queue.drain(opts.signal)) {
        const id = opts.idOf(e);
        if (last !== undefined && compareEventIds(id, last) <= 0) continue;
        last = id;
        yield toWire(e, id);
        if (e.type === opts.endsWith) return;
      }
    } finally {
      clearInterval(watchdog);
      unsubscribe();
    }
  }
}
