import { type AdminEvent, field, type Overview } from './types';

export const FEED_LIMIT = 100;
const QUESTIONS_LIMIT = 25;
const CARTS_LIMIT = 20;
const TOPICS_SHOWN = 10;
const MINUTES_SHOWN = 30;
/** Events newer than the last overview, kept to add on top of it (refreshed every 30 s). */
const SINCE_LIMIT = 20_000;
const MINUTE = 60_000;

export interface QuestionRow {
  id: string;
  sessionId: string;
  timestamp: string;
  preview: string;
  topics: string[];
}

export interface CartRow {
  id: string;
  sessionId: string;
  timestamp: string;
  action: string;
  sku: string | undefined;
  itemCount: number;
  subtotal: number;
}

/** Everything the page shows, computed at one instant. */
export interface DashboardView {
  generatedAt: string | undefined;
  activeSessions: number;
  activeWindowMinutes: number;
  sessionsCreated: number;
  questions: number;
  answers: number;
  cacheHits: number;
  cacheHitRate: number;
  cartAdds: number;
  messagesPerMinute: { minute: number; count: number }[];
  topTopics: { word: string; count: number }[];
  recentQuestions: QuestionRow[];
  recentCarts: CartRow[];
  openCarts: { sessions: number; value: number };
  feed: AdminEvent[];
  eventsSeen: number;
}

const pushCapped = <T>(list: T[], item: T, limit: number) => {
  list.unshift(item);
  if (list.length > limit) list.length = limit;
};

/**
 * The overview (counters from the store) plus the live events that happened after it: the
 * same arithmetic the server does when it counts an event (see `activityOf`), so the numbers
 * move without a reload and agree with the next overview.
 */
export class LiveMetrics {
  private overview: Overview | undefined;
  private overviewAt = Number.NEGATIVE_INFINITY;
  private since: AdminEvent[] = [];
  private readonly feed: AdminEvent[] = [];
  private readonly questions: QuestionRow[] = [];
  private readonly carts: CartRow[] = [];
  private readonly cartBySession = new Map<string, number>();
  private readonly ids = new Set<string>();
  private eventsSeen = 0;

  setOverview(overview: Overview): void {
    this.overview = overview;
    this.overviewAt = Date.parse(overview.generated_at);
    // What the overview already counted must not be counted twice.
    this.since = this.since.filter((e) => Date.parse(e.timestamp) > this.overviewAt);
  }

  /** Adds a live event; false when it was seen already (a resumed feed may repeat one). */
  add(event: AdminEvent): boolean {
    if (this.ids.has(event.id)) return false;
    this.ids.add(event.id);
    if (this.ids.size > SINCE_LIMIT) this.ids.clear();
    this.eventsSeen += 1;
    pushCapped(this.feed, event, FEED_LIMIT);
    if (Date.parse(event.timestamp) > this.overviewAt) {
      this.since.push(event);
      if (this.since.length > SINCE_LIMIT) this.since.shift();
    }
    const { data } = event;
    if (event.type === 'message.added' && data.role === 'user') {
      pushCapped(
        this.questions,
        {
          id: event.id,
          sessionId: event.session_id,
          timestamp: event.timestamp,
          preview: field.string(data, 'preview') ?? '',
          topics: field.strings(data, 'topics'),
        },
        QUESTIONS_LIMIT,
      );
    } else if (event.type === 'cart.updated') {
      const subtotal = field.number(data, 'subtotal') ?? 0;
      const itemCount = field.number(data, 'item_count') ?? 0;
      if (itemCount > 0) this.cartBySession.set(event.session_id, subtotal);
      else this.cartBySession.delete(event.session_id);
      pushCapped(
        this.carts,
        {
          id: event.id,
          sessionId: event.session_id,
          timestamp: event.timestamp,
          action: field.string(data, 'action') ?? 'update',
          sku: field.string(data, 'sku'),
          itemCount,
          subtotal,
        },
        CARTS_LIMIT,
      );
    } else if (event.type === 'session.deleted' || event.type === 'session.expired') {
      this.cartBySession.delete(event.session_id);
    }
    return true;
  }

  view(now: number = Date.now()): DashboardView {
    const o = this.overview;
    const count = (test: (e: AdminEvent) => boolean) => this.since.filter(test).length;
    const isQuestion = (e: AdminEvent) => e.type === 'message.added' && e.data.role === 'user';
    const questions = (o?.questions ?? 0) + count(isQuestion);
    const cacheHits = (o?.cache_hits ?? 0) + count((e) => e.type === 'cache.hit');
    const newSessions = new Set(
      this.since.filter((e) => e.type === 'session.created').map((e) => e.session_id),
    );
    let openValue = 0;
    for (const subtotal of this.cartBySession.values()) openValue += subtotal;
    return {
      generatedAt: o?.generated_at,
      activeSessions: (o?.active_sessions ?? 0) + newSessions.size,
      activeWindowMinutes: o?.active_window_minutes ?? 15,
      sessionsCreated: (o?.sessions_created ?? 0) + newSessions.size,
      questions,
      answers:
        (o?.answers ?? 0) + count((e) => e.type === 'message.added' && e.data.role !== 'user'),
      cacheHits,
      cacheHitRate: questions === 0 ? 0 : cacheHits / questions,
      cartAdds:
        (o?.cart_adds ?? 0) + count((e) => e.type === 'cart.updated' && e.data.action === 'add'),
      messagesPerMinute: this.minutes(now),
      topTopics: this.topics(),
      recentQuestions: [...this.questions],
      recentCarts: [...this.carts],
      openCarts: { sessions: this.cartBySession.size, value: Math.round(openValue * 100) / 100 },
      feed: [...this.feed],
      eventsSeen: this.eventsSeen,
    };
  }

  private minutes(now: number): { minute: number; count: number }[] {
    const byMinute = new Map<number, number>();
    const bump = (minute: number, by: number) =>
      byMinute.set(minute, (byMinute.get(minute) ?? 0) + by);
    for (const m of this.overview?.messages_per_minute ?? []) bump(Date.parse(m.minute), m.count);
    for (const e of this.since) {
      if (e.type === 'message.added')
        bump(Math.floor(Date.parse(e.timestamp) / MINUTE) * MINUTE, 1);
    }
    const current = Math.floor(now / MINUTE) * MINUTE;
    return Array.from({ length: MINUTES_SHOWN }, (_, i) => {
      const minute = current - (MINUTES_SHOWN - 1 - i) * MINUTE;
      return { minute, count: byMinute.get(minute) ?? 0 };
    });
  }

  private topics(): { word: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const t of this.overview?.top_topics ?? []) counts.set(t.word, t.count);
    for (const e of this.since) {
      if (e.type !== 'message.added' || e.data.role !== 'user') continue;
      for (const word of field.strings(e.data, 'topics')) {
        counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
    return [...counts]
      .map(([word, count]) => ({ word, count }))
      .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
      .slice(0, TOPICS_SHOWN);
  }
}
