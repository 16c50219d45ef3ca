import { QueryInputSchema, QueryResultSchema } from '@aisle/shared';
import { toTRPCError } from '../error-map';
import { AppError } from '../errors';
import { publicProcedure, rateLimit, router } from '../trpc';

const ask = publicProcedure.use(rateLimit('query')).input(QueryInputSchema);

export const shoppingRouter = router({
  /** Asks the assistant; without a (known) sessionId a session is created and its token returned. */
  query: ask
    .output(QueryResultSchema)
    .mutation(({ ctx, input, signal }) =>
      ctx.deps.services.assistant.ask(input, ctx.sessionToken, signal),
    ),

  /** The same answer streamed: a `meta` event, `token` events, then `done` with the full result. */
  queryStream: ask.subscription(async function* ({ ctx, input, signal }) {
    try {
      yield* ctx.deps.services.assistant.stream(input, ctx.sessionToken, signal);
    } catch (err) {
      // Subscriptions bypass the result-mapping middleware: map domain errors here.
      throw err instanceof AppError ? toTRPCError(err) : err;
    }
  }),
});
