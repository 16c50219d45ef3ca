import {
  ConversationInputSchema,
  ConversationSchema,
  CreatedSessionSchema,
  CreateSessionInputSchema,
  DeletedSchema,
  SessionInfoSchema,
  SessionRefSchema,
} from '@aisle/shared';
import {
  publicProcedure,
  rateLimit,
  router,
  sessionProcedure,
  sessionWriteProcedure,
} from '../trpc';
import { sessionEvents } from './events';

export const sessionRouter = router({
  create: publicProcedure
    .use(rateLimit('write'))
    .input(CreateSessionInputSchema)
    .output(CreatedSessionSchema)
    .mutation(({ ctx, input }) => ctx.deps.services.sessions.create(input.sessionId)),

  info: sessionProcedure
    .input(SessionRefSchema)
    .output(SessionInfoSchema)
    .query(({ ctx }) => ctx.deps.services.sessions.info(ctx.session.id)),

  conversation: sessionProcedure
    .input(ConversationInputSchema)
    .output(ConversationSchema)
    .query(({ ctx, input }) =>
      ctx.deps.services.sessions.conversation(ctx.session.id, input.limit, input.before),
    ),

  events: sessionEvents,

  delete: sessionWriteProcedure
    .input(SessionRefSchema)
    .output(DeletedSchema)
    .mutation(({ ctx }) => ctx.deps.services.sessions.delete(ctx.session.id)),
});
