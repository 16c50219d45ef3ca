import { readFileSync } from 'node:fs';
import type { KnowledgeDoc } from '@aisle/shared';
import { DocumentsInputSchema, normalizeDocuments } from './documents-input';

const DEMO_FILE = new URL('./data/demo-documents.json', import.meta.url);

/** The bundled demo policies (shipping, returns, refunds, warranty, payment, hours...). */
export function loadDemoDocuments(): KnowledgeDoc[] {
  const data: unknown = JSON.parse(readFileSync(DEMO_FILE, 'utf8'));
  // Our own data: a problem is a bug, so fail loudly.
  return normalizeDocuments(DocumentsInputSchema.parse(data));
}
