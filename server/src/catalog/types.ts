import type { Product, ProductQuery } from '@aisle/shared';
import type { StoreVocabulary } from './vocabulary/store-vocabulary';

/** One search result: the product and its relevance score (0 when the query had no text). */
export interface SearchHit {
  product: Product;
  score: number;
  /** How many distinct query terms the product matched (absent when the query had no text). */
  matched?: number;
}

/** Read-only, in-process view of a store's catalog. Built once at start-up. */
export interface Catalog {
  /** Content hash of the products; cache keys include it so a new catalog never serves old answers. */
  readonly version: string;
  readonly size: number;
  /** ISO 4217 code of the catalog's prices (detected from the file or CATALOG_CURRENCY). */
  readonly currency: string;
  get(sku: string): Product | undefined;
  /** Full-text (BM25, typo tolerant, field boosts) plus structured filters and sorts. */
  search(query: ProductQuery): SearchHit[];
  /** What understanding knows about the store: its category tree, brands, category words. */
  readonly vocabulary: StoreVocabulary;
  /**
   * The model names and sizes in a query text that no product holds ("iphone6", "55in"): the
   * store does not carry them.
   */
  missingTerms(text: string): string[];
  /**
   * Words of a query text no product holds, not even as the start of a longer word: a typo or
   * something the store does not sell ("prosecco" in a store without it).
   */
  unknownWords(text: string): string[];
  /** Distinct brands and categories as they appear in the data (original casing). */
  brands(): readonly string[];
  categories(): readonly string[];
  all(): readonly Product[];
}
