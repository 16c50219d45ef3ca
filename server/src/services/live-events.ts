import { sessionNotFound } from '../errors';
import { plainJson } from '../plain-json';
import type { PushFeed } from '../push-feed';
import type { Store, StoredEvent } from '../store/types';
import type { EventBus } from './event-bus';
import { createFeed } from './live-feed';

export interface WireEvent {
  id: string;
  type: string;
  session_id: string;
  timestamp: string;
  data: Record<string, unknown>;
}

const BACKLOG_PAGE = 500;
const ENDING = new Set(['session.deleted', 'session.expired']);

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
 * How a transport wants a feed delivered, applied inside the feed rather than as a wrapping
 * generator (each layer costs memory per idle subscriber and a promise per event per
 * subscriber).
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

/**
 * Resumable event feeds (a session's, and everyone's), built on live-feed.ts: subscribed
 * before the backlog is read, no gaps, no duplicates. One shared watchdog (not a timer per
 * feed) ends the feeds of sessions that are gone.
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
  ): PushFeed<T> {
    const h = hooks ?? (identityHooks as unknown as FeedHooks<T>);
    return createFeed({
      subscribe: (listener) => this.bus.subscribe(listener, sessionId),
      watch: (onGone) => this.watch(sessionId, onGone),
      backlog: (after) => this.store.readSessionEvents(sessionId, after, BACKLOG_PAGE),
      pageSize: BACKLOG_PAGE,
      start: async () => lastEventId,
      idOf: (e) => e.sessionEventId,
      map: (e, id) => h.map(toWire(e, id)),
      ends: (e) => ENDING.has(e.type),
      mapError: h.mapError,
      onEnd: h.onEnd,
      signal,
    });
  }

  globalFeed<T = WireEvent>(
    lastEventId: string | undefined,
    signal?: AbortSignal,
    hooks?: FeedHooks<T>,
  ): PushFeed<T> {
    const h = hooks ?? (identityHooks as unknown as FeedHooks<T>);
    return createFeed({
      subscribe: (listener) => this.bus.subscribe(listener),
      backlog: (after) => this.store.readGlobalEvents(after, BACKLOG_PAGE),
      pageSize: BACKLOG_PAGE,
      // A fresh dashboard starts from now (admin.overview paints the past), not 10,000 events back.
      start: async () => lastEventId ?? (await this.store.lastGlobalEventId()),
      idOf: (e) => e.globalEventId,
      map: (e, id) => h.map(toWire(e, id)),
      ends: () => false,
      mapError: h.mapError,
      onEnd: h.onEnd,
      signal,
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
}
