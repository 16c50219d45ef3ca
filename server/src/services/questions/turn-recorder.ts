import type { ChatMessage, EventType } from '@aisle/shared';
import { sessionNotFound } from '../../errors';
import type { LastSearch, Store, TurnCall, TurnEvent } from '../../store/types';
import { preview } from '../../text/preview';
import type { EventSink } from '../events';

export interface TurnFacts {
  topics: string[];
  shown?: string[];
  /** The search behind `shown`, recorded with it. */
  search?: LastSearch;
  cached: boolean;
  llmCall: boolean;
  injection: boolean;
}

/** What a turn stores besides its messages, in the same step. */
export interface TurnExtras {
  /** The answer came from the cache: `cache.hit` is announced with this question preview. */
  cacheHitQuestion?: string;
  /** The answer to cache (question-service.ts decides where and under which hash). */
  cache?: TurnCall['cache'];
}

/**
 * Stores a question/answer turn and announces both messages (and a cache hit), with the
 * answer cached, in one store step: the question's last round trip.
 */
export class TurnRecorder {
  constructor(
    private readonly store: Store,
    private readonly events: EventSink,
    private readonly now: () => number,
  ) {}

  async record(
    sessionId: string,
    userMessage: ChatMessage,
    answer: string,
    interrupted: boolean,
    turn: TurnFacts,
    extras: TurnExtras = {},
  ): Promise<void> {
    const assistantMessage: ChatMessage = {
      role: 'assistant',
      content: answer,
      timestamp: new Date(this.now()).toISOString(),
      ...(interrupted ? { interrupted: true } : {}),
    };
    const event = (type: EventType, data: Record<string, unknown>): TurnEvent => ({
      type,
      ...this.events.withWrite(type, data),
    });
    const events = [
      event('message.added', {
        role: 'user',
        preview: preview(userMessage.content),
        topics: turn.topics,
      }),
      event('message.added', { role: 'assistant', preview: preview(answer), cached: turn.cached }),
    ];
    if (extras.cacheHitQuestion !== undefined) {
      events.push(event('cache.hit', { question: preview(extras.cacheHitQuestion) }));
    }
    const ok = await this.store.recordTurn(
      sessionId,
      { messages: [userMessage, assistantMessage], ...turn },
      this.now(),
      { events, ...(extras.cache ? { cache: extras.cache } : {}) },
    );
    if (!ok) throw sessionNotFound(sessionId);
    for (const e of events) this.events.stored(e.type as EventType);
  }
}
