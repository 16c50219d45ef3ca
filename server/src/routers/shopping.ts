import {
  AnswerIdSchema,
  LastEventIdSchema,
  QueryInputSchema,
  QueryResultSchema,
  SessionIdSchema,
} from '@aisle/shared';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import {
  publicProcedure,
  rateLimit,
  router,
  sessionProcedure,
  withSubscriptionSlot,
} from '../trpc';

/** A question to the assistant: rate-limited as a question, with or without a session. */
const questionProcedure = publicProcedure.use(rateLimit('query')).input(QueryInputSchema);

export const shoppingRouter = router({
  /** Asks the assistant; without a sessionId a session is created and its token returned. */
  query: questionProcedure
    .output(QueryResultSchema)
    .mutation(({ ctx, input, signal }) =>
      ctx.deps.services.questions.answer(input, ctx.sessionToken, signal),
    ),

  /**
   * The same answer streamed: a `meta` event, `token` events, then `done` with the full result,
   * each tracked so a client that reconnects with its last id gets the rest (any instance, no
   * second LLM call), over tRPC and REST (SSE `id:` lines) alike.
   */
  queryStream: questionProcedure
    .input(z.object({ lastEventId: LastEventIdSchema.answerStream }))
    .subscription(async function* ({ ctx, input, signal }) {
      // Every answer is logged for resuming, and so runs on when its client leaves, except over
      // the AI SDK chat: nothing resumes it there, and a client leaving is its Stop button.
      const resumable = ctx.transport !== 'chat';
      const stream = ctx.deps.services.answerStreams.stream(
        input,
        ctx.sessionToken,
        signal,
        resumable,
      );
      for await (const { id, event } of withSubscriptionSlot(ctx, stream)) {
        yield tracked(id, event);
      }
    }),

  /**
   * One answer of the session read back (from its start, or after `lastEventId`) while it is
   * still kept: what a browser EventSource opens, and reopens with `Last-Event-ID`.
   */
  answerStream: sessionProcedure
    .input(
      z.object({
        sessionId: SessionIdSchema,
        answerId: AnswerIdSchema,
        lastEventId: LastEventIdSchema.answerStream,
      }),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      const stream = ctx.deps.services.answerStreams.replay(input, ctx.sessionToken, signal);
      for await (const { id, event } of withSubscriptionSlot(ctx, stream)) {
        yield tracked(id, event);
      }
    }),
});
