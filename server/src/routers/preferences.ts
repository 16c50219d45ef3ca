import {
  PreferencesResultSchema,
  PreferencesUpdateInputSchema,
  SessionRefSchema,
} from '@aisle/shared';
import { ownerProcedure, ownerWriteProcedure, router } from '../trpc';

export const preferencesRouter = router({
  get: ownerProcedure
    .input(SessionRefSchema)
    .output(PreferencesResultSchema)
    .query(({ ctx }) => ctx.deps.services.preferences.get(ctx.session.id, ctx.session.access)),

  update: ownerWriteProcedure
    .input(PreferencesUpdateInputSchema)
    .output(PreferencesResultSchema)
    .mutation(({ ctx, input }) => {
      const { sessionId: _, ...patch } = input;
      return ctx.deps.services.preferences.update(ctx.session.id, patch, ctx.session.access);
    }),
});
