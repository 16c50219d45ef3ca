import { z } from 'zod';
import { DocumentsInputSchema } from '../knowledge/documents-input';
import { adminProcedure, router } from '../trpc';

export const adminRouter = router({
  /** Adds or replaces knowledge-base documents (shipping, returns, warranty...). */
  addDocuments: adminProcedure
    .input(DocumentsInputSchema)
    .output(z.object({ count: z.number().int(), processed_ids: z.array(z.string()) }))
    .mutation(({ ctx, input }) => ctx.deps.services.knowledge.add(input)),
});
