import type { KnowledgeDoc } from '@aisle/shared';
import { type DocumentsInput, normalizeDocuments } from '../knowledge/documents-input';
import { createKnowledgeIndex, type KnowledgeIndex } from '../knowledge/index';
import type { Store } from '../store/types';

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

  constructor(
    private readonly store: Store,
    private readonly seed: KnowledgeDoc[],
  ) {}

  /** Seeds the bundled demo documents into an empty store, then indexes what is there. */
  async init(): Promise<void> {
    if ((await this.store.listDocuments()).length === 0 && this.seed.length > 0) {
      await this.store.putDocuments(this.seed);
    }
    await this.refresh(true);
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

  async add(input: DocumentsInput): Promise<{ count: number; processed_ids: string[] }> {
    const docs = normalizeDocuments(input);
    await this.store.putDocuments(docs);
    await this.refresh(true);
    return { count: docs.length, processed_ids: docs.map((d) => d.id) };
  }

  async search(question: string, limit = 2): Promise<KnowledgeDoc[]> {
    await this.refresh();
    return this.index.search(question, limit).map((hit) => hit.doc);
  }
}
