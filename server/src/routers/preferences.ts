import {
  PreferencesResultSchema,
  PreferencesUpdateInputSchema,
  SessionRefSchema,
} from '@aisle/shared';
import { router, sessionProcedure, sessionWriteProcedure } from '../trpc';

export const preferencesRouter = router({
  get: sessionProcedure
    .input(SessionRefSchema)
    .output(PreferencesResultSchema)
    .query(({ ctx }) => ctx.deps.services.preferences.get(ctx.session.id)),

  update: sessionWriteProcedure
    .input(PreferencesUpdateInputSchema)
    .output(PreferencesResultSchema)
    .mutation(({ ctx, input }) => {
      const { sessionId: _, ...patch } = input;
      return ctx.deps.services.preferences.update(ctx.session.id, patch);
    }),
});
