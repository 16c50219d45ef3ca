import { z } from 'zod';

/**
 * A policy / FAQ document of the store's knowledge base, as stored and searched (admins send
 * `text` or its alias `content`; the server keeps `text` and a title).
 */
export interface KnowledgeDoc {
  id: string;
  title: string;
  text: string;
  metadata?: Record<string, string | number | boolean>;
  /** When the document was last added or replaced (ISO 8601); absent on older stored ones. */
  updated_at?: string;
}

/** One document as an admin lists it: what it is, how big, and when it last changed. */
export const DocumentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Length of the text in characters. */
  chars: z.number().int().nonnegative(),
  updated_at: z.string().optional(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

export const DocumentListSchema = z.object({
  count: z.number().int().nonnegative(),
  documents: z.array(DocumentSummarySchema),
});
export type DocumentList = z.infer<typeof DocumentListSchema>;

export const MAX_DOCUMENT_IDS_PER_CALL = 100;

/** Which documents to delete. */
export const DeleteDocumentsInputSchema = z.object({
  ids: z
    .array(
      z
        .string({ error: 'ids must hold strings' })
        .trim()
        .min(1, 'an id must not be empty')
        .max(128, 'an id must be at most 128 characters'),
      { error: 'ids must be an array of document ids' },
    )
    .min(1, 'ids must hold at least one id')
    .max(
      MAX_DOCUMENT_IDS_PER_CALL,
      `ids must hold at most ${MAX_DOCUMENT_IDS_PER_CALL} ids per call`,
    ),
});
export type DeleteDocumentsInput = z.infer<typeof DeleteDocumentsInputSchema>;

export const DeleteDocumentsResultSchema = z.object({
  count: z.number().int().nonnegative(),
  deleted_ids: z.array(z.string()),
  /** Ids asked for that were not there (already deleted, or never added). */
  not_found: z.array(z.string()),
});
export type DeleteDocumentsResult = z.infer<typeof DeleteDocumentsResultSchema>;
