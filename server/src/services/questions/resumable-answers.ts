import { randomBytes } from 'node:crypto';
import { ANSWER_POSITION_PATTERN, type QueryStreamEvent } from '@aisle/shared';
import { AppError, asAppError, type ErrorCode } from '../../errors';
import type { Logger } from '../../logger';
import type { AnswerLogEntry, Store } from '../../store/types';
import { AsyncQueue } from '../async-queue';
import type { SessionService } from '../sessions';
import type { QuestionService } from './question-service';

export interface StreamedEvent {
  /** `<streamId>~<seq>`: what a client sends back as lastEventId to resume. */
  id: string;
  event: QueryStreamEvent;
}

type ErrorEvent = { type: 'error'; code: ErrorCode; message: string };
type LoggedEvent = QueryStreamEvent | ErrorEvent;

export interface ResumableSettings {
  /** How long a finished or abandoned answer stays readable for a resume. */
  logTtlMs: number;
  /** An answer nobody reads is still cut off after this long. */
  maxLifetimeMs: number;
  /** How often a resumed reader on another instance looks for new entries. */
  pollMs: number;
}

const parseId = (id: string): { streamId: string; seq: number } | undefined => {
  const m = ANSWER_POSITION_PATTERN.exec(id);
  return m?.[1] && m[2] ? { streamId: m[1], seq: Number(m[2]) } : undefined;
};

/**
 * Answers that survive a lost connection. The producer writes every event to the store's
 * answer log (explicit sequential ids, batched writes) while relaying it to its subscriber;
 * a client that reconnects with its last id, on any instance, reads the rest from the log:
 * no second LLM call. A resumable answer runs to completion even if its subscriber leaves.
 */
export class ResumableAnswers {
  constructor(
    private readonly questions: QuestionService,
    private readonly sessions: SessionService,
    private readonly store: Store,
    private readonly settings: ResumableSettings,
    private readonly log: Logger,
  ) {}

  stream(
    input: { q: string; sessionId?: string | undefined; lastEventId?: string | null | undefined },
    token: string | undefined,
    signal: AbortSignal | undefined,
    resumable: boolean,
  ): AsyncGenerator<StreamedEvent> {
    // A reconnect that repeats its question resumes: asking again would call the model twice.
    if (input.lastEventId) return this.resume(input.lastEventId, token, signal, input.sessionId);
    return this.start(input, token, signal, resumable);
  }

  /**
   * One answer of a session read back from its log: from the start, or after `lastEventId`
   * (which must be a position in that same answer). The session is already authorized.
   */
  replay(
    input: { sessionId: string; answerId: string; lastEventId?: string | null | undefined },
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<StreamedEvent> {
    const position = input.lastEventId ?? `${input.answerId}~0`;
    if (parseId(position)?.streamId !== input.answerId) {
      throw new AppError('VALIDATION_ERROR', 'lastEventId is a position in another answer', {
        issues: [{ path: 'lastEventId', message: `expected ${input.answerId}~<seq>` }],
      });
    }
    return this.resume(position, token, signal, input.sessionId);
  }

  private async *start(
    input: { q: string; sessionId?: string | undefined },
    token: string | undefined,
    signal: AbortSignal | undefined,
    resumable: boolean,
  ): AsyncGenerator<StreamedEvent> {
    const streamId = randomBytes(12).toString('base64url');
    const queue = new AsyncQueue<{ seq: number; event: QueryStreamEvent }>();
    // A resumable producer ignores its subscriber leaving; only its lifetime cuts it off.
    const producerSignal = resumable ? AbortSignal.timeout(this.settings.maxLifetimeMs) : signal;
    const writer = resumable ? this.logWriter(streamId) : undefined;
    void (async () => {
      let seq = 0;
      try {
        for await (const event of this.questions.stream(input, token, producerSignal)) {
          seq += 1;
          writer?.push(seq, event);
          queue.push({ seq, event });
        }
      } catch (err) {
        const { code, message } = asAppError(err);
        writer?.push(seq + 1, { type: 'error', code, message });
        queue.fail(err instanceof Error ? err : new Error(String(err)));
      } finally {
        await writer?.close();
      }
    })();
    for await (const { seq, event } of queue.drain(signal)) {
      yield { id: `${streamId}~${seq}`, event };
      if (event.type === 'done') return;
    }
  }

  /** Batches log writes per tick; writes stay in order; a failed write only costs resumability. */
  private logWriter(streamId: string) {
    let pending: AnswerLogEntry[] = [];
    let chain = Promise.resolve();
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      const batch = pending;
      pending = [];
      chain = chain
        .then(() => this.store.appendAnswerLog(streamId, batch, this.settings.logTtlMs))
        .catch((err) => this.log.warn('answer log write failed', { streamId, error: String(err) }));
    };
    return {
      push: (seq: number, event: LoggedEvent) => {
        pending.push({ seq, event: JSON.stringify(event) });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      },
      close: async () => {
        if (pending.length > 0) flush();
        await chain;
      },
    };
  }

  private async *resume(
    lastEventId: string,
    token: string | undefined,
    signal: AbortSignal | undefined,
    sessionId?: string,
  ): AsyncGenerator<StreamedEvent> {
    const parsed = parseId(lastEventId);
    if (!parsed) {
      throw new AppError('VALIDATION_ERROR', 'lastEventId is not an answer stream id', {
        issues: [{ path: 'lastEventId', message: 'expected <streamId>~<seq>' }],
      });
    }
    const { streamId } = parsed;
    const [first] = await this.store.readAnswerLog(streamId, 0, 1);
    if (!first) throw new AppError('NOT_FOUND', 'That answer stream has expired or never existed');
    const meta = JSON.parse(first.event) as LoggedEvent;
    // Another session's answer reads as a missing one, like every other ownership failure.
    if (meta.type === 'meta' && sessionId !== undefined && meta.session_id !== sessionId) {
      throw new AppError('NOT_FOUND', 'That answer stream has expired or never existed');
    }
    if (meta.type === 'meta') await this.sessions.authorize(meta.session_id, token);
    let seq = parsed.seq;
    if (seq > 0 && (await this.isLast(streamId, seq))) return;
    const deadline = Date.now() + this.settings.maxLifetimeMs + this.settings.logTtlMs;
    while (!signal?.aborted && Date.now() < deadline) {
      const entries = await this.store.readAnswerLog(streamId, seq, 500);
      for (const entry of entries) {
        seq = entry.seq;
        const event = JSON.parse(entry.event) as LoggedEvent;
        if (event.type === 'error') throw new AppError(event.code, event.message);
        yield { id: `${streamId}~${seq}`, event };
        if (event.type === 'done') return;
      }
      if (entries.length === 0) await new Promise((r) => setTimeout(r, this.settings.pollMs));
    }
  }

  /**
   * Whether the event at `seq` ended its answer (a reconnect after `done` gets nothing more,
   * at once). An id the log does not hold (after one poll, as the log trails its relay by a
   * tick) was never sent: a 404, not a wait for an event that cannot come.
   */
  private async isLast(streamId: string, seq: number): Promise<boolean> {
    let [entry] = await this.store.readAnswerLog(streamId, seq - 1, 1);
    if (entry?.seq !== seq) {
      await new Promise((r) => setTimeout(r, this.settings.pollMs));
      [entry] = await this.store.readAnswerLog(streamId, seq - 1, 1);
    }
    if (entry?.seq !== seq) throw new AppError('NOT_FOUND', 'That answer has no such event id');
    const type = (JSON.parse(entry.event) as LoggedEvent).type;
    return type === 'done' || type === 'error';
  }
}
