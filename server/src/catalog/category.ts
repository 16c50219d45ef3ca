import { CATEGORIES } from '@aisle/shared';

export type CategorySlug = (typeof CATEGORIES)[number];

/**
 * Words a store or a shopper uses for each canonical category. One table serves two purposes:
 * the loader maps a store's category ("Mobile Phones") onto the slug, and the search index
 * adds these words to the category field so the query "phone" finds smartphones.
 */
export const CATEGORY_SYNONYMS: Readonly<Record<CategorySlug, readonly string[]>> = {
  smartphone: [
    'smartphones',
    'smart phone',
    'smart phones',
    'phone',
    'phones',
    'mobile',
    'mobiles',
    'mobile phone',
    'mobile phones',
    'cell phone',
    'cell phones',
    'cellphone',
    'cellphones',
  ],
  laptop: ['laptops', 'notebook', 'notebooks', 'ultrabook', 'ultrabooks'],
  tablet: ['tablets'],
  headphones: [
    'headphone',
    'headset',
    'headsets',
    'earbuds',
    'earbud',
    'earphones',
    'earphone',
    'audio headphones',
  ],
  smartwatch: [
    'smartwatches',
    'smart watch',
    'smart watches',
    'watch',
    'watches',
    'wearable',
    'wearables',
    'fitness tracker',
    'fitness trackers',
  ],
  camera: ['cameras', 'digital camera', 'digital cameras', 'photo', 'photography'],
  tv: ['tvs', 'television', 'televisions', 'tv set', 'tv sets', 'smart tv', 'smart tvs'],
  gaming: ['games', 'video games', 'console', 'consoles', 'game console', 'game consoles'],
  'home-appliance': [
    'home appliance',
    'home appliances',
    'home-appliances',
    'appliance',
    'appliances',
    'household',
  ],
  accessory: ['accessories'],
  speaker: ['speakers', 'soundbar', 'soundbars', 'smart speaker', 'smart speakers'],
  monitor: ['monitors', 'display', 'displays', 'computer monitor', 'computer monitors'],
};

const CANONICAL = new Set<string>(CATEGORIES);

/** Lowercase, trim, and treat `_`, `-` and runs of spaces alike: "Home_Appliances" -> "home appliances". */
const lookupForm = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

const SYNONYM_TO_SLUG: ReadonlyMap<string, CategorySlug> = new Map(
  CATEGORIES.flatMap((slug) =>
    [slug, ...CATEGORY_SYNONYMS[slug]].map((word) => [lookupForm(word), slug] as const),
  ),
);

export const isCanonicalCategory = (value: string): value is CategorySlug => CANONICAL.has(value);

/**
 * A store's category as the catalog keeps it: lowercased and trimmed, with obvious synonyms
 * mapped onto the canonical slug ("Phones" -> "smartphone"). Anything else is kept as is
 * (lowercased, inner whitespace collapsed): a store's own taxonomy stays searchable.
 */
export function normalizeCategory(raw: string): string {
  const slug = SYNONYM_TO_SLUG.get(lookupForm(raw));
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
  const spaced = lookupForm(normalized);
  if (spaced.length > 4 && spaced.endsWith('ies')) return `${spaced.slice(0, -3)}y`;
  if (spaced.length > 3 && spaced.endsWith('s') && !spaced.endsWith('ss')) {
    return spaced.slice(0, -1);
  }
  return spaced;
}

/** Text indexed for a product's category: the category and its synonyms, each word once. */
export function categorySearchText(category: string): string {
  if (!isCanonicalCategory(category)) return category;
  const words = [category, ...CATEGORY_SYNONYMS[category]].flatMap((w) => w.split(/[\s-]+/));
  return [...new Set(words)].join(' ');
}
