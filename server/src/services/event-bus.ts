import { type EventType, isEndingEvent } from '@aisle/shared';
import type { Logger } from '../logger';
import type { CallEvent, Store, StoredEvent } from '../store/types';
import type { EventSink } from './events';

type Listener = (event: StoredEvent) => void;

/**
 * Events go through the store (Redis streams in production), so every instance sees them.
 * One tail loop per instance reads the global log and fans entries out to local listeners;
 * it runs only while someone listens.
 */
export class EventBus implements EventSink {
  /** Listeners of every event, and listeners of one session's events (indexed: no scan). */
  private readonly everyone = new Set<Listener>();
  private readonly bySession = new Map<string, Set<Listener>>();
  private count = 0;
  private loop: Promise<void> | undefined;
  private ready: Promise<void> | undefined;
  private stopped = false;
  /** Counts each stored event (metrics); set by the app. */
  onPublished: ((type: EventType) => void) | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly blockMs = 5000,
  ) {}

  async publish(sessionId: string, type: EventType, data: Record<string, unknown>): Promise<void> {
    const now = Date.now();
    try {
      await Promise.all([
        this.store.appendEvent({ type, sessionId, timestamp: new Date(now).toISOString(), data }),
        // An ending session is no activity (it must not count as active).
        isEndingEvent(type)
          ? undefined
          : this.store.recordActivity({ sessionId, now, ...activityOf(type, data) }),
      ]);
      this.onPublished?.(type);
    } catch (err) {
      this.log.warn('event not stored', { type, sessionId, error: String(err) });
    }
  }

  withWrite(type: EventType, data: Record<string, unknown>): CallEvent {
    return {
      timestamp: new Date().toISOString(),
      data,
      counters: activityOf(type, data).counters,
    };
  }

  stored(type: EventType): void {
    this.onPublished?.(type);
  }

  /**
   * Adds a live listener. Resolves once the tail has a cursor: anything appended after that
   * reaches the listener, so a backlog read after this resolves leaves no gap.
   */
  async subscribe(listener: Listener, sessionId?: string): Promise<() => void> {
    this.add(listener, sessionId);
    if (!this.loop) {
      let markReady: () => void = () => {};
      this.ready = new Promise((r) => {
        markReady = r;
      });
      this.loop = this.run(markReady).finally(() => {
        this.loop = undefined;
      });
    }
    await this.ready;
    return () => this.remove(listener, sessionId);
  }

  private add(listener: Listener, sessionId: string | undefined): void {
    if (sessionId === undefined) this.everyone.add(listener);
    else {
      const set = this.bySession.get(sessionId) ?? new Set();
      set.add(listener);
      this.bySession.set(sessionId, set);
    }
    this.count += 1;
  }

  private remove(listener: Listener, sessionId: string | undefined): void {
    const set = sessionId === undefined ? this.everyone : this.bySession.get(sessionId);
    if (!set?.delete(listener)) return;
    this.count -= 1;
    if (sessionId !== undefined && set.size === 0) this.bySession.delete(sessionId);
  }

  get listenerCount(): number {
    return this.count;
  }

  get tailing(): boolean {
    return this.loop !== undefined;
  }

  private async run(markReady: () => void): Promise<void> {
    let cursor: string | undefined;
    while (!this.stopped && this.count > 0) {
      try {
        cursor ??= await this.store.lastGlobalEventId();
        markReady();
        const batch = await this.store.tailGlobalEvents(cursor, this.blockMs, 500);
        for (const event of batch) {
          cursor = event.globalEventId;
          for (const listener of this.everyone) listener(event);
          const own = this.bySession.get(event.sessionId);
          if (own) for (const listener of own) listener(event);
        }
      } catch (err) {
        markReady(); // subscribers go on and meet the outage in their own backlog read
        if (this.stopped) break;
        this.log.warn('event tail failed; retrying', { error: String(err) });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    markReady();
  }

  close(): void {
    this.stopped = true;
    this.everyone.clear();
    this.bySession.clear();
    this.count = 0;
  }
}

/** What an event adds to the global dashboard counters. */
export function activityOf(
  type: EventType,
  data: Record<string, unknown>,
): { counters: Record<string, number>; topics: string[]; messages: number } {
  const none = { counters: {}, topics: [], messages: 0 };
  switch (type) {
    case 'session.created':
      return { ...none, counters: { sessions_created: 1 } };
    case 'message.added': {
      const user = data.role === 'user';
      const topics = user && Array.isArray(data.topics) ? data.topics.map(String) : [];
      return { counters: { [user ? 'questions' : 'answers']: 1 }, topics, messages: 1 };
    }
    case 'cache.hit':
      return { ...none, counters: { cache_hits: 1 } };
    case 'cart.updated':
      return data.action === 'add' ? { ...none, counters: { cart_adds: 1 } } : none;
    case 'session.deleted':
      return { ...none, counters: { sessions_deleted: 1 } };
    default:
      return none;
  }
}
