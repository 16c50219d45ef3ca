import type { ChatMessage } from '@aisle/shared';
import { sessionNotFound } from '../../errors';
import type { LastSearch, Store } from '../../store/types';
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

/** Stores a question/answer turn (one atomic store call) and announces both messages. */
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
  ): Promise<void> {
    const assistantMessage: ChatMessage = {
      role: 'assistant',
      content: answer,
      timestamp: new Date(this.now()).toISOString(),
      ...(interrupted ? { interrupted: true } : {}),
    };
    const ok = await this.store.recordTurn(
      sessionId,
      { messages: [userMessage, assistantMessage], ...turn },
      this.now(),
    );
    if (!ok) throw sessionNotFound(sessionId);
    await Promise.all([
      this.events.publish(sessionId, 'message.added', {
        role: 'user',
        preview: preview(userMessage.content),
        topics: turn.topics,
      }),
      this.events.publish(sessionId, 'message.added', {
        role: 'assistant',
        preview: preview(answer),
        cached: turn.cached,
      }),
    ]);
  }
}
