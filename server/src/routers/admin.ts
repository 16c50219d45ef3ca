import { z } from 'zod';
import { DocumentsInputSchema } from '../knowledge/documents-input';
import { adminProcedure, router } from '../trpc';
import { adminEvents, adminOverview } from './events';

export const adminRouter = router({
  overview: adminOverview,
  events: adminEvents,

  /** Adds or replaces knowledge-base documents (shipping, returns, warranty...). */
  addDocuments: adminProcedure
    .input(DocumentsInputSchema)
    .output(z.object({ count: z.number().int(), processed_ids: z.array(z.string()) }))
    .mutation(({ ctx, input }) => ctx.deps.services.knowledge.add(input)),
});
