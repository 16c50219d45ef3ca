import type { StoreSynonyms, SynonymList } from '@aisle/shared';
import type { StoreVocabulary } from '../catalog/vocabulary/store-vocabulary';
import {
  createShoppingLexicon,
  SHOPPING_LEXICON,
  type ShoppingLexicon,
} from '../lexicon/shopping-lexicon';
import type { Store } from '../store/types';

/** How often an instance asks the store whether the synonyms changed elsewhere. */
const VERSION_CHECK_MS = 2000;

const isEmpty = (s: StoreSynonyms): boolean =>
  s.synonyms.length === 0 && Object.keys(s.kinds).length === 0;

/** The general lexicon, widened by the store's own words when it has any. */
export const lexiconWith = (synonyms: StoreSynonyms | null): ShoppingLexicon =>
  synonyms === null || isEmpty(synonyms) ? SHOPPING_LEXICON : createShoppingLexicon(synonyms);

/**
 * A store's own synonyms: they live in the store (shared by every instance, durable on Redis);
 * each instance rebuilds its catalog's lexicon when their version moves, so category
 * resolution and retrieval follow an admin's change without a restart.
 */
export class SynonymsService {
  private version = -1;
  private checkedAt = 0;
  private current: StoreSynonyms = { synonyms: [], kinds: {} };

  /** `seed`: SYNONYMS_FILE, written only into a store that never had synonyms. */
  constructor(
    private readonly store: Store,
    private readonly vocabulary: Pick<StoreVocabulary, 'useLexicon'>,
    private readonly seed: StoreSynonyms | undefined,
    private readonly checkMs: number = VERSION_CHECK_MS,
  ) {}

  /**
   * Seeds, then applies what the store holds. An admin's change outlives a restart: the file
   * seeds a store that has none, it never overwrites one (an empty set an admin saved counts).
   */
  async init(): Promise<void> {
    if (this.seed !== undefined) {
      const stored = await this.store.getSynonyms();
      if (stored.synonyms === null) await this.store.setSynonyms(this.seed);
    }
    await this.refresh(true);
  }

  private async refresh(force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.checkedAt < this.checkMs) return;
    this.checkedAt = now;
    if (!force && (await this.store.synonymsVersion()) === this.version) return;
    const { synonyms, version } = await this.store.getSynonyms();
    if (version === this.version) return;
    this.current = synonyms ?? { synonyms: [], kinds: {} };
    this.vocabulary.useLexicon(lexiconWith(synonyms));
    this.version = version;
  }

  /**
   * The synonyms version after a (throttled) check with the store, the lexicon rebuilt when it
   * moved. Cache keys use it: an answer found with other synonyms is not served.
   */
  async freshVersion(): Promise<number> {
    await this.refresh();
    return this.version;
  }

  /** The store's own synonyms, as an admin set them, and their version. */
  async list(): Promise<SynonymList> {
    await this.refresh(true);
    return { ...this.current, version: this.version };
  }

  /** Replaces the store's own synonyms; every instance picks them up when it sees the version. */
  async set(input: StoreSynonyms): Promise<SynonymList> {
    await this.store.setSynonyms(input);
    return this.list();
  }
}
