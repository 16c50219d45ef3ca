export { loadDemoDocuments } from './demo';
export {
  DocumentInputSchema,
  DocumentSchema,
  type DocumentsInput,
  DocumentsInputSchema,
  normalizeDocuments,
  titleFromId,
} from './documents-input';
export { createKnowledgeIndex, type KnowledgeHit, type KnowledgeIndex } from './knowledge-index';
