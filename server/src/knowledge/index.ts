export { DEMO_ORIGIN, isDemoDocument, loadDemoDocuments } from './demo';
export { loadDocumentsFile } from './documents-file';
export {
  DocumentSchema,
  type DocumentsInput,
  DocumentsInputSchema,
  normalizeDocuments,
  titleFromId,
} from './documents-input';
export { createKnowledgeIndex, type KnowledgeHit, type KnowledgeIndex } from './knowledge-index';
