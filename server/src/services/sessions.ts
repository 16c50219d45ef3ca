import { AppError, sessionNotFound } from '../errors';
import type { SessionAuth, Store } from '../store/types';
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

export interface OpenedSession {
  id: string;
  token?: string;
}

/** Missing token 401, wrong token 403 (compared in constant time). */
function checkToken(auth: SessionAuth, token: string | undefined): SessionAuth {
  if (!token) {
    throw new AppError(
      'UNAUTHORIZED',
      'This session needs its token: Authorization: Bearer <session_token>',
    );
  }
  if (!tokenMatches(token, auth.tokenHash)) {
    throw new AppError('FORBIDDEN', 'The token does not belong to this session');
  }
  return auth;
}

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
    if (!(await this.store.createSession(id, hashToken(token), this.now()))) {
      throw new AppError('CONFLICT', `Session '${id}' already exists`);
    }
    await this.events.publish(id, 'session.created', {});
    return { session_id: id, session_token: token };
  }

  /** Ownership: missing token 401, unknown or expired session 404, wrong token 403. */
  async authorize(id: string, token: string | undefined): Promise<SessionAuth> {
    if (!token) {
      throw new AppError(
        'UNAUTHORIZED',
        'This session needs its token: Authorization: Bearer <session_token>',
      );
    }
    const auth = await this.store.authenticate(id, this.now());
    if (!auth) throw sessionNotFound(id);
    return checkToken(auth, token);
  }

  /**
   * The session a question belongs to: a new one without an id, or with an unknown (valid) id;
   * an existing one only with its token. `token` is returned only for a session created here.
   */
  async open(id: string | undefined, token: string | undefined): Promise<OpenedSession> {
    const existing = id === undefined ? null : await this.store.authenticate(id, this.now());
    if (id !== undefined && existing) {
      checkToken(existing, token);
      return { id };
    }
    try {
      const created = await this.create(id);
      return { id: created.session_id, token: created.session_token };
    } catch (err) {
      // Lost a creation race for the same id: it exists now, so the token decides.
      if (id !== undefined && err instanceof AppError && err.code === 'CONFLICT') {
        await this.authorize(id, token);
        return { id };
      }
      throw err;
    }
  }

  async info(id: string) {
    const snap = await this.store.getSession(id);
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
