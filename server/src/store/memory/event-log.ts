import { isEndingEvent } from '@aisle/shared';
import { DELETED_EVENTS_TTL_MS } from '../event-codec';
import { compareEventIds } from '../event-ids';
import type { EventLogLimits, NewEvent, StoredEvent } from '../types';

interface SessionLog {
  entries: StoredEvent[];
  expiresAt: number;
}

/**
 * In-process twin of the Redis streams: a bounded log per session that expires with the
 * session, one bounded global log, ids "<ms>-<seq>" increasing, and blocking tails.
 */
export class MemoryEventLog {
  private readonly sessions = new Map<string, SessionLog>();
  private readonly global: StoredEvent[] = [];
  private lastMs = 0;
  private seq = 0;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly limits: EventLogLimits,
    private readonly sessionTtlMs: number,
    private readonly clock: () => number,
  ) {}

  private nextId(): string {
    const ms = this.clock();
    if (ms > this.lastMs) {
      this.lastMs = ms;
      this.seq = 0;
    } else {
      this.seq += 1;
    }
    return `${this.lastMs}-${this.seq}`;
  }

  append(event: NewEvent): StoredEvent {
    const id = this.nextId();
    const stored: StoredEvent = { ...event, sessionEventId: id, globalEventId: id };
    const log = this.liveLog(event.sessionId) ?? { entries: [], expiresAt: 0 };
    log.entries.push(stored);
    if (log.entries.length > this.limits.sessionMax) log.entries.shift();
    const ttl = isEndingEvent(event.type) ? DELETED_EVENTS_TTL_MS : this.sessionTtlMs;
    log.expiresAt = this.clock() + ttl;
    this.sessions.set(event.sessionId, log);
    this.global.push(stored);
    if (this.global.length > this.limits.globalMax) this.global.shift();
    for (const wake of this.waiters) wake();
    return stored;
  }

  /** Slides the session log with the session's activity. */
  slide(sessionId: string): void {
    const log = this.sessions.get(sessionId);
    if (log) log.expiresAt = this.clock() + this.sessionTtlMs;
  }

  drop(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  private liveLog(sessionId: string): SessionLog | undefined {
    const log = this.sessions.get(sessionId);
    if (log && log.expiresAt <= this.clock()) {
      this.sessions.delete(sessionId);
      return undefined;
    }
    return log;
  }

  readSession(sessionId: string, afterId: string | undefined, count: number): StoredEvent[] {
    return after(this.liveLog(sessionId)?.entries ?? [], afterId, count).map((e) => ({
      ...e,
      globalEventId: '',
    }));
  }

  readGlobal(afterId: string | undefined, count: number): StoredEvent[] {
    return after(this.global, afterId, count);
  }

  lastId(): string {
    return this.global.at(-1)?.globalEventId ?? '0-0';
  }

  async tail(afterId: string, blockMs: number, count: number): Promise<StoredEvent[]> {
    const from = afterId === '$' ? this.lastId() : afterId;
    const ready = this.readGlobal(from, count);
    if (ready.length > 0) return ready;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, blockMs);
      this.waiters.add(wake);
    });
    return this.readGlobal(from, count);
  }

  sweep(): void {
    const t = this.clock();
    for (const [id, log] of this.sessions) if (log.expiresAt <= t) this.sessions.delete(id);
  }
}

function after(entries: StoredEvent[], afterId: string | undefined, count: number): StoredEvent[] {
  const start =
    afterId === undefined
      ? 0
      : entries.findIndex((e) => compareEventIds(e.globalEventId || e.sessionEventId, afterId) > 0);
  return start < 0 ? [] : entries.slice(start, start + count);
}
