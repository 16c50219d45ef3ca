import type { KnowledgeDoc } from '@aisle/shared';
import { z } from 'zod';

export const MAX_DOCUMENTS_PER_CALL = 100;
export const MAX_DOCUMENT_CHARS = 20_000;

const Metadata = z.record(
  z.string().max(64, 'metadata keys must be at most 64 characters'),
  z.union([z.string().max(1000), z.number(), z.boolean()], {
    error: 'metadata values must be strings, numbers or booleans',
  }),
);

const Text = z
  .string({ error: 'text must be a string' })
  .trim()
  .min(1, 'text must not be empty')
  .max(
    MAX_DOCUMENT_CHARS,
    `text must be at most ${MAX_DOCUMENT_CHARS.toLocaleString('en-US')} characters`,
  );

/** One document as an admin sends it: `text` or its alias `content`; title optional. */
export const DocumentSchema = z
  .object({
    id: z
      .string({ error: 'id must be a string' })
      .trim()
      .min(1, 'id must not be empty')
      .max(128, 'id must be at most 128 characters'),
    text: Text.optional(),
    content: Text.optional(),
    title: z.string({ error: 'title must be a string' }).trim().min(1).max(200).optional(),
    metadata: Metadata.optional(),
  })
  .refine((d) => d.text !== undefined || d.content !== undefined, {
    message: 'text (or content) is required',
    path: ['text'],
  });

const DocumentList = z
  .array(DocumentSchema, { error: 'documents must be an array' })
  .min(1, 'documents must hold at least one document')
  .max(
    MAX_DOCUMENTS_PER_CALL,
    `documents must hold at most ${MAX_DOCUMENTS_PER_CALL} documents per call`,
  );

const WrappedDocuments = z.object(
  { documents: DocumentList },
  { error: 'expected {"documents": [...]} or an array of documents' },
);
type DocumentsPayload = z.input<typeof WrappedDocuments> | z.input<typeof DocumentList>;

/**
 * The admin "add documents" payload: `{"documents": [...]}` or a bare array of documents,
 * which is read as the former, so every issue path names the field: `documents.3.text`.
 * (A union would report a bare "Invalid input" for any nested problem.)
 */
export const DocumentsInputSchema = z.preprocess<
  unknown,
  typeof WrappedDocuments,
  DocumentsPayload
>((value) => (Array.isArray(value) ? { documents: value } : value), WrappedDocuments);
export type DocumentsInput = z.output<typeof DocumentsInputSchema>;

/** "shipping-policy" -> "Shipping policy". */
export function titleFromId(id: string): string {
  const words = id.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Validated input -> knowledge documents; a later document with the same id wins. */
export function normalizeDocuments(input: DocumentsInput): KnowledgeDoc[] {
  const list = input.documents;
  const byId = new Map<string, KnowledgeDoc>();
  for (const d of list) {
    const doc: KnowledgeDoc = {
      id: d.id,
      title: d.title ?? titleFromId(d.id),
      text: d.text ?? d.content ?? '',
    };
    if (d.metadata !== undefined) doc.metadata = d.metadata;
    byId.delete(d.id);
    byId.set(d.id, doc);
  }
  return [...byId.values()];
}
