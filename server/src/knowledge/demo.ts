import { readFileSync } from 'node:fs';
import type { KnowledgeDoc } from '@aisle/shared';
import { DocumentsInputSchema, normalizeDocuments } from './documents-input';

const DEMO_FILE = new URL('./data/demo-documents.json', import.meta.url);

/** Marks the bundled demo policies, so a store's own knowledge base can be told apart from them. */
export const DEMO_ORIGIN = 'aisle-demo';

/** The bundled demo policies (shipping, returns, refunds, warranty, payment, hours...). */
export function loadDemoDocuments(): KnowledgeDoc[] {
  const data: unknown = JSON.parse(readFileSync(DEMO_FILE, 'utf8'));
  // Our own data: a problem is a bug, so fail loudly.
  return normalizeDocuments(DocumentsInputSchema.parse(data)).map((d) => ({
    ...d,
    metadata: { ...d.metadata, origin: DEMO_ORIGIN },
  }));
}

/** A bundled demo policy: it belongs to the demo catalog, never to a store's own. */
export const isDemoDocument = (doc: KnowledgeDoc): boolean => doc.metadata?.origin === DEMO_ORIGIN;
