import {
  ConversationInputSchema,
  ConversationSchema,
  CreatedSessionSchema,
  CreateSessionInputSchema,
  DeletedSchema,
  LastEventIdSchema,
  SessionIdSchema,
  SessionInfoSchema,
  SessionRefSchema,
} from '@aisle/shared';
import { z } from 'zod';
import {
  ownerProcedure,
  publicProcedure,
  rateLimit,
  router,
  sessionProcedure,
  sessionWriteProcedure,
} from '../trpc';
import { trackedHooks } from './tracked-feed';

export const sessionRouter = router({
  create: publicProcedure
    .use(rateLimit('write'))
    .input(CreateSessionInputSchema)
    .output(CreatedSessionSchema)
    .mutation(({ ctx, input }) => ctx.deps.services.sessions.create(input.sessionId)),

  info: ownerProcedure
    .input(SessionRefSchema)
    .output(SessionInfoSchema)
    .query(({ ctx }) => ctx.deps.services.sessions.info(ctx.session.id, ctx.session.access)),

  conversation: sessionProcedure
    .input(ConversationInputSchema)
    .output(ConversationSchema)
    .query(({ ctx, input }) => ctx.deps.services.sessions.conversation(ctx.session.id, input)),

  /** The session's own events, resumable; ends when the session is deleted or expires. */
  events: sessionProcedure
    .input(z.object({ sessionId: SessionIdSchema, lastEventId: LastEventIdSchema.liveEvents }))
    .subscription(({ ctx, input, signal }) =>
      ctx.deps.services.live.sessionFeed(
        ctx.session.id,
        input.lastEventId ?? undefined,
        signal,
        trackedHooks(ctx),
      ),
    ),

  delete: sessionWriteProcedure
    .input(SessionRefSchema)
    .output(DeletedSchema)
    .mutation(({ ctx }) => ctx.deps.services.sessions.delete(ctx.session.id)),
});
