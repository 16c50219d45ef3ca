export { loadDemoDocuments } from './demo';
export {
  DocumentSchema,
  type DocumentsInput,
  DocumentsInputSchema,
  normalizeDocuments,
  titleFromId,
} from './documents-input';
export { createKnowledgeIndex, type KnowledgeHit, type KnowledgeIndex } from './knowledge-index';
