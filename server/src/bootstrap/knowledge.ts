import type { KnowledgeDoc } from '@aisle/shared';
import type { Config } from '../config';
import { loadDemoDocuments } from '../knowledge/demo';
import { loadDocumentsFile } from '../knowledge/documents-file';

/**
 * The documents a knowledge base starts with. The bundled demo policies belong to the demo
 * catalog only: a store's own catalog (CATALOG_FILE) starts with the store's own documents
 * (KNOWLEDGE_FILE) or with none, so a policy question is answered from the store's policy
 * or plainly not at all — never from demo text.
 */
export function loadSeedDocuments(
  config: Pick<Config, 'CATALOG_FILE' | 'KNOWLEDGE_FILE'>,
): KnowledgeDoc[] {
  if (config.KNOWLEDGE_FILE) return loadDocumentsFile(config.KNOWLEDGE_FILE);
  return config.CATALOG_FILE ? [] : loadDemoDocuments();
}
