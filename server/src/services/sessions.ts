import { AppError, sessionNotFound } from '../errors';
import { noteSession } from '../logging/request-scope';
import type { SessionAccess, SessionAuth, SessionBudget, Store } from '../store/types';
import { beforeBoundMs, decodeHistoryCursor, encodeHistoryCursor } from './conversation-paging';
import type { EventSink } from './events';
import { formatDuration, iso, sumMoney } from './money-and-time';
import { hashToken, newSessionId, newSessionToken, tokenMatches } from './tokens';

export interface CreatedSession {
  session_id: string;
  session_token: string;
}

/** A conversation page as the API asks for it: `before` an ISO instant, `cursor` opaque. */
export interface ConversationPage {
  limit: number;
  before?: string | undefined;
  cursor?: string | undefined;
}

export const tokenRequired = () =>
  new AppError(
    'UNAUTHORIZED',
    'This session needs its token: Authorization: Bearer <session_token>',
  );

/**
 * Compared against when the session does not exist, so a wrong token costs the same work
 * (one hash, one constant-time compare) whether or not the id is taken.
 */
const NO_SESSION_HASH = hashToken('');

export class SessionService {
  constructor(
    private readonly store: Store,
    private readonly events: EventSink,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session (server id unless one is given); CONFLICT when the id is taken. */
  async create(requestedId?: string): Promise<CreatedSession> {
    const id = requestedId ?? newSessionId();
    const token = newSessionToken();
    const event = this.events.withWrite('session.created', {});
    if (!(await this.store.createSession(id, hashToken(token), this.now(), { event }))) {
      throw new AppError('CONFLICT', `Session '${id}' already exists`);
    }
    this.events.stored('session.created');
    noteSession(id);
    return { session_id: id, session_token: token };
  }

  /**
   * Ownership, told without revealing whether the id exists: no token 401 (the store is not
   * asked); a token that does not open this id 404 SESSION_NOT_FOUND, exactly as for an id
   * that never existed or has expired.
   */
  async authorize(
    id: string,
    token: string | undefined,
    budget?: SessionBudget,
  ): Promise<SessionAuth> {
    if (!token) throw tokenRequired();
    const auth = await this.store.authenticate(id, this.now(), hashToken(token), budget);
    const matches = tokenMatches(token, auth?.tokenHash ?? NO_SESSION_HASH);
    if (!auth || !matches) throw sessionNotFound(id);
    // Proven sessions only: the access line names (as a hash) the session the caller owns.
    noteSession(id);
    return auth;
  }

  /**
   * The caller's claim on a session, for the store to check in the same step as the work
   * (no token: 401 at once, the store is not asked).
   */
  ownerAccess(token: string | undefined, budget?: SessionBudget): SessionAccess {
    if (!token) throw tokenRequired();
    return { tokenHash: hashToken(token), ...(budget ? { budget } : {}) };
  }

  /** A session whose token the store has just accepted (the access line names it). */
  proven(id: string): void {
    noteSession(id);
  }

  /** For the owner only: the token is checked in the same read (`access`). */
  async info(id: string, access: SessionAccess) {
    const snap = await this.store.getSession(id, access);
    if (!snap) throw sessionNotFound(id);
    const { meta, analytics } = snap;
    return {
      session_info: {
        created_at: iso(meta.createdAt),
        last_active: iso(meta.lastActive),
        conversation_count: meta.conversationCount,
        preferences: snap.preferences,
        shopping_cart: snap.cart,
        cart_item_count: snap.cart.reduce((n, l) => n + l.quantity, 0),
        cart_subtotal: sumMoney(snap.cart.map((l) => l.price * l.quantity)),
      },
      analytics: {
        session_duration: formatDuration(meta.lastActive - meta.createdAt),
        user_message_count: analytics.userMessages,
        assistant_message_count: analytics.assistantMessages,
        top_topics: analytics.topTopics,
        cart_adds: analytics.cartAdds,
        cart_removes: analytics.cartRemoves,
        cache_hits: analytics.cacheHits,
        llm_calls: analytics.llmCalls,
        llm_calls_saved: analytics.cacheHits,
        cache_hit_rate:
          analytics.userMessages === 0
            ? 0
            : Math.round((analytics.cacheHits / analytics.userMessages) * 1000) / 1000,
        injection_attempts: analytics.injectionAttempts,
      },
    };
  }

  /** The newest `limit` messages older than `cursor` and `before` (each optional), oldest first. */
  async conversation(id: string, page: ConversationPage) {
    const found = await this.store.getMessages(id, {
      limit: page.limit,
      ...(page.before === undefined ? {} : { before: beforeBoundMs(page.before) }),
      ...(page.cursor === undefined ? {} : { olderThan: decodeHistoryCursor(page.cursor) }),
    });
    if (!found) throw sessionNotFound(id);
    return {
      session_id: id,
      conversation: found.messages,
      count: found.messages.length,
      next_cursor: found.next ? encodeHistoryCursor(found.next) : null,
    };
  }

  async delete(id: string) {
    if (!(await this.store.deleteSession(id))) throw sessionNotFound(id);
    await this.events.publish(id, 'session.deleted', {});
    return { session_id: id, deleted: true as const };
  }
}
