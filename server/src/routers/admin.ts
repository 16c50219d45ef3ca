import {
  DeleteDocumentsInputSchema,
  DeleteDocumentsResultSchema,
  DocumentListSchema,
  LastEventIdSchema,
  StoreSynonymsSchema,
  SynonymListSchema,
} from '@aisle/shared';
import { z } from 'zod';
import { DocumentsInputSchema } from '../knowledge/documents-input';
import { adminProcedure, router } from '../trpc';
import { trackedHooks } from './tracked-feed';

export const adminRouter = router({
  overview: adminProcedure.query(({ ctx }) => ctx.deps.services.admin.overview()),

  /** Every session's events, resumable. */
  events: adminProcedure
    .input(z.object({ lastEventId: LastEventIdSchema.liveEvents }).optional())
    .subscription(({ ctx, input, signal }) =>
      ctx.deps.services.live.globalFeed(input?.lastEventId ?? undefined, signal, trackedHooks(ctx)),
    ),

  /** Adds or replaces knowledge-base documents (shipping, returns, warranty...). */
  addDocuments: adminProcedure
    .input(DocumentsInputSchema)
    .output(z.object({ count: z.number().int(), processed_ids: z.array(z.string()) }))
    .mutation(({ ctx, input }) => ctx.deps.services.knowledge.add(input)),

  /** The knowledge base's documents: id, title, size and when each last changed. */
  documents: adminProcedure
    .output(DocumentListSchema)
    .query(({ ctx }) => ctx.deps.services.knowledge.list()),

  /** Deletes documents by id; every instance stops answering from them. */
  deleteDocuments: adminProcedure
    .input(DeleteDocumentsInputSchema)
    .output(DeleteDocumentsResultSchema)
    .mutation(({ ctx, input }) => ctx.deps.services.knowledge.delete(input)),

  /** The store's own synonyms (added to the general shopping lexicon) and their version. */
  synonyms: adminProcedure
    .output(SynonymListSchema)
    .query(({ ctx }) => ctx.deps.services.synonyms.list()),

  /** Replaces the store's own synonyms; every instance reads questions with them at once. */
  setSynonyms: adminProcedure
    .input(StoreSynonymsSchema)
    .output(SynonymListSchema)
    .mutation(({ ctx, input }) => ctx.deps.services.synonyms.set(input)),
});
