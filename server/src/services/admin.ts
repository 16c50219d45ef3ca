import type { Store } from '../store/types';

/** "Active" means any activity in this window. */
const ACTIVE_WINDOW_MS = 15 * 60_000;
const MINUTES_SHOWN = 30;

/** The dashboard's first paint, computed from counters kept in the store (no key scans). */
export class AdminService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async overview() {
    const o = await this.store.readOverview(this.now(), ACTIVE_WINDOW_MS, MINUTES_SHOWN);
    const c = (k: string) => o.counters[k] ?? 0;
    const questions = c('questions');
    return {
      generated_at: new Date(this.now()).toISOString(),
      active_sessions: o.activeSessions,
      active_window_minutes: ACTIVE_WINDOW_MS / 60_000,
      sessions_created: c('sessions_created'),
      questions,
      answers: c('answers'),
      cache_hits: c('cache_hits'),
      cache_hit_rate: questions === 0 ? 0 : Math.round((c('cache_hits') / questions) * 1000) / 1000,
      cart_adds: c('cart_adds'),
      messages_per_minute: o.messagesPerMinute,
      top_topics: o.topTopics,
    };
  }
}
