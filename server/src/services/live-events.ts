import { sessionNotFound } from '../errors';
import { plainJson } from '../plain-json';
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
const ENDING = ['session.deleted', 'session.expired'];

/**
 * Events built here are plain JSON: the transport may skip its rich serializer for them.
 * One wire object per stored event and id (session or global), shared by every subscriber
 * it reaches, so a transport can serialize it once for all of them.
 */
const wireCache = new WeakMap<StoredEvent, WireEvent>();
const toWire = (e: StoredEvent, id: string): WireEvent => {
  const cached = wireCache.get(e);
  if (cached?.id === id) return cached;
  const wire = { id, type: e.type, session_id: e.sessionId, timestamp: e.timestamp, data: e.data };
  plainJson.add(wire);
  wireCache.set(e, wire);
  return wire;
};

/**
 * How a transport wants a feed delivered, so it can stay one generator per subscription
 * (each extra layer costs memory per idle subscriber and a promise per event per subscriber).
 */
export interface FeedHooks<T> {
  map: (event: WireEvent) => T;
  /** Turns a domain error into the transport's own. */
  mapError: (err: unknown) => unknown;
  /** Runs once when the feed ends, however it ends. */
  onEnd: () => void;
}

const identityHooks: FeedHooks<WireEvent> = {
  map: (e) => e,
  mapError: (err) => err,
  onEnd: () => {},
};

interface FeedOptions {
  sessionId?: string;
  idOf: (e: StoredEvent) => string;
  backlog: (after: string | undefined) => Promise<StoredEvent[]>;
  lastEventId: string | undefined;
  signal: AbortSignal | undefined;
  endsOnSessionEnd?: boolean;
  startAtEnd?: () => Promise<string>;
}

/**
 * Resumable event feeds. Each subscribes to the live bus *before* reading the backlog, then
 * yields the backlog after `lastEventId`, then live events, skipping any id already yielded:
 * no gaps, no duplicates. One shared watchdog (not a timer per feed) ends the feeds of
 * sessions that are gone.
 */
export class LiveEvents {
  private readonly announcedExpired = new Set<string>();
  private readonly watched = new Map<string, Set<(err: Error) => void>>();
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly watchIntervalMs = 30_000,
  ) {}

  sessionFeed<T = WireEvent>(
    sessionId: string,
    lastEventId: string | undefined,
    signal?: AbortSignal,
    hooks?: FeedHooks<T>,
  ): AsyncGenerator<T> {
    return this.feed(hooks ?? (identityHooks as unknown as FeedHooks<T>), {
      sessionId,
      idOf: (e) => e.sessionEventId,
      backlog: (after) => this.store.readSessionEvents(sessionId, after, BACKLOG_PAGE),
      lastEventId,
      signal,
      endsOnSessionEnd: true,
    });
  }

  globalFeed<T = WireEvent>(
    lastEventId: string | undefined,
    signal?: AbortSignal,
    hooks?: FeedHooks<T>,
  ): AsyncGenerator<T> {
    return this.feed(hooks ?? (identityHooks as unknown as FeedHooks<T>), {
      idOf: (e) => e.globalEventId,
      backlog: (after) => this.store.readGlobalEvents(after, BACKLOG_PAGE),
      lastEventId,
      signal,
      // A fresh dashboard starts from now (admin.overview paints the past), not 10,000 events back.
      startAtEnd: () => this.store.lastGlobalEventId(),
    });
  }

  /**
   * Whether a watched session is still there, announcing `session.expired` when it is not
   * (best effort: each instance that notices says it once; a deleted session already said
   * `session.deleted`). A pure read: watching never keeps a session alive.
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

  private watch(sessionId: string, onGone: (err: Error) => void): () => void {
    const set = this.watched.get(sessionId) ?? new Set();
    set.add(onGone);
    this.watched.set(sessionId, set);
    if (!this.watchdog) {
      this.watchdog = setInterval(() => this.sweep(), this.watchIntervalMs);
      this.watchdog.unref();
    }
    return () => {
      set.delete(onGone);
      if (set.size === 0) this.watched.delete(sessionId);
      if (this.watched.size === 0) {
        clearInterval(this.watchdog);
        this.watchdog = undefined;
      }
    };
  }

  private sweep(): void {
    for (const [sessionId, callbacks] of this.watched) {
      this.assertSessionAlive(sessionId).catch((err: Error) => {
        // The closing event (session.expired) normally ends the feeds first; if it never
        // arrives, the error does, shortly after.
        setTimeout(() => {
          for (const fail of callbacks) fail(err);
        }, 2000).unref();
      });
    }
  }

  private async *feed<T>(hooks: FeedHooks<T>, opts: FeedOptions): AsyncGenerator<T> {
    const queue = new AsyncQueue<StoredEvent>();
    const unsubscribe = await this.bus.subscribe((e) => queue.push(e), opts.sessionId);
    const unwatch =
      opts.endsOnSessionEnd && opts.sessionId
        ? this.watch(opts.sessionId, (err) => queue.fail(err))
        : undefined;
    const onAbort = () => queue.interrupt();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let last = opts.lastEventId ?? (await opts.startAtEnd?.());
      for (;;) {
        const page = await opts.backlog(last);
        for (const e of page) {
          last = opts.idOf(e);
          yield hooks.map(toWire(e, last));
          if (opts.endsOnSessionEnd && ENDING.includes(e.type)) return;
        }
        if (page.length < BACKLOG_PAGE) break;
      }
      for (let e = await queue.next(opts.signal); e; e = await queue.next(opts.signal)) {
        const id = opts.idOf(e);
        if (last !== undefined && compareEventIds(id, last) <= 0) continue;
        last = id;
        yield hooks.map(toWire(e, id));
        if (opts.endsOnSessionEnd && ENDING.includes(e.type)) return;
      }
    } catch (err) {
      throw hooks.mapError(err);
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      unwatch?.();
      unsubscribe();
      hooks.onEnd();
    }
  }
}
