import { readFileSync } from 'node:fs';
import type { KnowledgeDoc } from '@aisle/shared';
import { z } from 'zod';
import { DocumentSchema, normalizeDocuments } from './documents-input';

/** A store's documents file: `{"documents": [...]}` or a bare array, any number of them. */
const DocumentsFileSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { documents: value } : value),
  z.object(
    { documents: z.array(DocumentSchema, { error: 'documents must be an array' }) },
    { error: 'expected {"documents": [...]} or an array of documents' },
  ),
);

/**
 * Reads a store's own policy documents (KNOWLEDGE_FILE), the same shape admins send to
 * add-documents. Fails with the file and the field named: a bad file must stop the start-up,
 * not leave the store answering without its policies.
 */
export function loadDocumentsFile(path: string): KnowledgeDoc[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`KNOWLEDGE_FILE ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = DocumentsFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`KNOWLEDGE_FILE ${path}: ${issues.join('; ')}`);
  }
  return normalizeDocuments(parsed.data);
}
