import type { Intent, Product, ProductCard, ProductLabels } from '@aisle/shared';
import type { AnswerInput } from '../../assistant/types';
import type { LastSearch } from '../../store/types';

/** What the cache keeps of an answer: products by SKU, re-read from the catalog on a hit. */
export interface CachedAnswer {
  answer: string;
  intent: Intent;
  skus: string[];
  sources: { id: string; title: string }[];
  /** A follow-up about products shown earlier leaves the session's RAG context as it was. */
  followUp?: boolean;
  /** The search that found `skus`: a replay records it with them, as the answer first did. */
  search?: LastSearch;
  /**
   * Whether a session's last search could change this answer ("only Samsung"): such an entry
   * serves only sessions without one. Absent (an older entry) counts as true.
   */
  refinable?: boolean;
  /** The answer's products were the closest alternatives, not matches. */
  alternatives?: boolean;
  /** What the shopper named that the store does not carry, in their words. */
  notCarried?: string[];
  /**
   * A session's entry: the full cache key it was stored for (question-service.ts TurnCache);
   * it serves only while the session's state gives the same key.
   */
  key?: string;
}

/**
 * How a client may label an answer's products (QueryResult `alternatives`, `not_carried`):
 * each field only when it applies, so an ordinary answer looks as it always did.
 */
export function labelsOf(
  answer: Pick<AnswerInput, 'alternatives' | 'notCarried'>,
  products: readonly Product[],
): ProductLabels {
  const notCarried = answer.notCarried ?? [];
  return {
    ...(answer.alternatives && products.length > 0 ? { alternatives: true as const } : {}),
    ...(notCarried.length === 0 ? {} : { not_carried: notCarried }),
  };
}

const CARD_FIELDS = [
  'sku',
  'name',
  'price',
  'currency',
  'category',
  'category_path',
  'brand',
  'rating',
  'stock',
  'availability',
  'description',
  'attributes',
  'url',
  'image',
] as const satisfies readonly (keyof ProductCard)[];

/** The card of a product: the fields the store gave, none invented for the ones it did not. */
export function toCard(p: Product): ProductCard {
  const card: Record<string, unknown> = {};
  for (const field of CARD_FIELDS) if (p[field] !== undefined) card[field] = p[field];
  return card as ProductCard;
}
