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
  private readonly announcedExpired = new Set<string>();

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
      endsWith: ['session.deleted', 'session.expired'],
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

  /**
   * Ends a session feed when the session is gone, announcing `session.expired` (best effort:
   * each instance that notices says it once; a deleted session already said `session.deleted`).
   */
  async assertSessionAlive(sessionId: string): Promise<void> {
    if (await this.store.sessionExists(sessionId)) return;
    if (!this.announcedExpired.has(sessionId)) {
      this.announcedExpired.add(sessionId);
      if (this.announcedExpired.size > 10_000) this.announcedExpired.clear();
      await this.bus.publish(sessionId, 'session.expired', {});
    }
    throw sessionNotFound(sessionId);
  }

  private async *feed(opts: {
    accept: (e: StoredEvent) => boolean;
    idOf: (e: StoredEvent) => string;
    backlog: (after: string | undefined) => Promise<StoredEvent[]>;
    lastEventId: string | undefined;
    signal: AbortSignal | undefined;
    endsWith?: string[];
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
          // The closing event (session.expired) normally ends the feed first; if it never
          // arrives, the error does, shortly after.
          opts.watch?.().catch((err: Error) => {
            setTimeout(() => queue.fail(err), 2000).unref();
          });
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
          if (opts.endsWith?.includes(e.type)) return;
        }
        if (page.length < BACKLOG_PAGE) break;
      }
      for await (const e of queue.drain(opts.signal)) {
        const id = opts.idOf(e);
        if (last !== undefined && compareEventIds(id, last) <= 0) continue;
        last = id;
        yield toWire(e, id);
        if (opts.endsWith?.includes(e.type)) return;
      }
    } finally {
      clearInterval(watchdog);
      unsubscribe();
    }
  }
}
