import type {
  DeleteDocumentsInput,
  DeleteDocumentsResult,
  DocumentList,
  KnowledgeDoc,
} from '@aisle/shared';
import { isDemoDocument } from '../knowledge/demo';
import { type DocumentsInput, normalizeDocuments } from '../knowledge/documents-input';
import { createKnowledgeIndex, type KnowledgeIndex } from '../knowledge/index';
import type { Store } from '../store/types';

const sameContent = (a: KnowledgeDoc, b: KnowledgeDoc | undefined): boolean =>
  b !== undefined &&
  a.title === b.title &&
  a.text === b.text &&
  JSON.stringify(a.metadata ?? {}) === JSON.stringify(b.metadata ?? {});

/** How often an instance asks the store whether documents changed elsewhere. */
const VERSION_CHECK_MS = 2000;

/**
 * The knowledge base: documents live in the store (shared by every instance, durable on
 * Redis); each instance keeps a search index and rebuilds it when the version moves.
 */
export class KnowledgeService {
  private index: KnowledgeIndex = createKnowledgeIndex([]);
  private version = -1;
  private checkedAt = 0;

  /**
   * `seed`: what bootstrap/knowledge.ts chose for this store — the bundled demo policies
   * (demo catalog only), a store's own documents file, or nothing.
   */
  constructor(
    private readonly store: Store,
    private readonly seed: KnowledgeDoc[],
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Seeds, then indexes what the store holds. A store's own documents are written when new or
   * changed (the file is their source: a document deleted by an admin but still in the file
   * returns at the next start); the demo policies only into an empty knowledge base; and
   * without them, demo policies a demo run left in a shared store are removed, so a store's
   * own catalog is never answered with demo policy.
   */
  async init(): Promise<void> {
    const demo = this.seed.filter(isDemoDocument);
    const own = this.seed.filter((d) => !isDemoDocument(d));
    const stored = await this.store.listDocuments();
    const byId = new Map(stored.map((d) => [d.id, d]));
    const changed = own.filter((d) => !sameContent(d, byId.get(d.id)));
    if (changed.length > 0) await this.store.putDocuments(changed.map((d) => this.stamped(d)));
    if (demo.length > 0 && stored.length === 0 && own.length === 0) {
      await this.store.putDocuments(demo.map((d) => this.stamped(d)));
    }
    if (demo.length === 0) {
      const leftovers = stored.filter(isDemoDocument).map((d) => d.id);
      if (leftovers.length > 0) await this.store.deleteDocuments(leftovers);
    }
    await this.refresh(true);
  }

  private stamped(doc: KnowledgeDoc): KnowledgeDoc {
    return { ...doc, updated_at: new Date(this.now()).toISOString() };
  }

  private async refresh(force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.checkedAt < VERSION_CHECK_MS) return;
    this.checkedAt = now;
    const version = await this.store.documentsVersion();
    if (version === this.version && !force) return;
    this.index = createKnowledgeIndex(await this.store.listDocuments());
    this.version = version;
  }

  get currentVersion(): number {
    return this.version;
  }

  /**
   * The documents version after a (throttled) check with the store. Cache keys use it: an
   * instance that only served cached answers would otherwise never notice another instance's
   * change and keep answering from a deleted document.
   */
  async freshVersion(): Promise<number> {
    await this.refresh();
    return this.version;
  }

  async add(input: DocumentsInput): Promise<{ count: number; processed_ids: string[] }> {
    const docs = normalizeDocuments(input).map((d) => this.stamped(d));
    await this.store.putDocuments(docs);
    await this.refresh(true);
    return { count: docs.length, processed_ids: docs.map((d) => d.id) };
  }

  /** Every document, by id: what it is, its size and when it last changed (not its text). */
  async list(): Promise<DocumentList> {
    const documents = (await this.store.listDocuments()).map((d) => ({
      id: d.id,
      title: d.title,
      chars: d.text.length,
      ...(d.updated_at === undefined ? {} : { updated_at: d.updated_at }),
      ...(d.metadata === undefined ? {} : { metadata: d.metadata }),
    }));
    return { count: documents.length, documents };
  }

  /** Deletes documents; every instance re-indexes when it sees the version move. */
  async delete(input: DeleteDocumentsInput): Promise<DeleteDocumentsResult> {
    const ids = [...new Set(input.ids)];
    const deleted = await this.store.deleteDocuments(ids);
    await this.refresh(true);
    const gone = new Set(deleted);
    return {
      count: deleted.length,
      deleted_ids: deleted,
      not_found: ids.filter((id) => !gone.has(id)),
    };
  }

  async search(question: string, limit = 2): Promise<KnowledgeDoc[]> {
    await this.refresh();
    return this.index.search(question, limit).map((hit) => hit.doc);
  }
}
