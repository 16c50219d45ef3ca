import { PreferencesResultSchema, PreferencesUpdateInputSchema } from '@aisle/shared';
import { rateLimit, router, sessionProcedure } from '../trpc';

export const preferencesRouter = router({
  get: sessionProcedure
    .output(PreferencesResultSchema)
    .query(({ ctx }) => ctx.deps.services.preferences.get(ctx.session.id)),

  update: sessionProcedure
    .use(rateLimit('write'))
    .input(PreferencesUpdateInputSchema)
    .output(PreferencesResultSchema)
    .mutation(({ ctx, input }) => {
      const { sessionId: _, ...patch } = input;
      return ctx.deps.services.preferences.update(ctx.session.id, patch);
    }),
});
