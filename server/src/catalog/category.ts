import { CATEGORIES } from '@aisle/shared';
import {
  type CategorySlug,
  isCanonicalCategory,
  namesOf,
  storeNamesOf,
} from '../lexicon/category-lexicon';
import { singularize } from '../text/singularize';

/** Lowercase words folded to singular, spacing and `_`/`-` alike: "Home_Appliances" -> "home appliance". */
const lookupForm = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter((w) => w !== '')
    .map(singularize)
    .join(' ');

const NAME_TO_SLUG: ReadonlyMap<string, CategorySlug> = new Map(
  CATEGORIES.flatMap((slug) => storeNamesOf(slug).map((name) => [lookupForm(name), slug] as const)),
);

/**
 * A store's category as the catalog keeps it: lowercased and trimmed, with obvious synonyms
 * mapped onto the canonical slug ("Phones" -> "smartphone"). Anything else is kept as is
 * (lowercased, inner whitespace collapsed): a store's own taxonomy stays searchable.
 */
export function normalizeCategory(raw: string): string {
  const slug = NAME_TO_SLUG.get(lookupForm(raw));
  if (slug) return slug;
  return raw.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The key two categories are compared by: canonical slug when one is known, otherwise a
 * naive singular ("blenders" and "Blender" share a key). Used on both the product and the
 * query side, so a store's plural and a shopper's singular meet.
 */
export function categoryKey(raw: string): string {
  const normalized = normalizeCategory(raw);
  if (isCanonicalCategory(normalized)) return normalized;
  const spaced = normalized.replace(/[\s_-]+/g, ' ');
  if (spaced.length > 4 && spaced.endsWith('ies')) return `${spaced.slice(0, -3)}y`;
  if (spaced.length > 3 && spaced.endsWith('s') && !spaced.endsWith('ss')) {
    return spaced.slice(0, -1);
  }
  return spaced;
}

/** Text indexed for a product's category: the category and the names of it, each word once. */
export function categorySearchText(category: string): string {
  if (!isCanonicalCategory(category)) return category;
  const words = [category, ...namesOf(category)].flatMap((w) => w.split(/[\s-]+/));
  return [...new Set(words)].join(' ');
}
