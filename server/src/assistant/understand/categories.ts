import { CATEGORIES } from '@aisle/shared';
import { CATEGORY_LEXICON, type CategorySlug } from '../../lexicon/category-lexicon';
import { findPhrases, type PhraseHit, phraseOf, type Token, toTokens } from './tokens';

/** What a category phrase found in a question stands for. */
export interface CategoryTerm {
  /** The category as the catalog spells it. */
  category: string;
  weak: boolean;
  /** A kind of product within the category: worth keeping as search text. */
  kind: boolean;
  accessory: boolean;
}

const joined = (text: string): string => phraseOf(text).join(' ');

function slugFor(category: string): CategorySlug | undefined {
  const key = joined(category);
  return CATEGORIES.find(
    (slug) =>
      joined(slug) === key ||
      CATEGORY_LEXICON[slug].strong.includes(key) ||
      (CATEGORY_LEXICON[slug].kinds ?? []).includes(key) ||
      (CATEGORY_LEXICON[slug].weak ?? []).includes(key),
  );
}

const termCache = new WeakMap<readonly string[], Array<[string[], CategoryTerm]>>();

/**
 * The phrases that name each catalog category: the category itself (singular or plural) and,
 * when it is one of the canonical slugs or a synonym of one ("Phones"), that slug's synonyms.
 */
export function categoryPhrases(categories: readonly string[]): Array<[string[], CategoryTerm]> {
  const cached = termCache.get(categories);
  if (cached !== undefined) return cached;
  const seen = new Set<string>();
  const terms: Array<[string[], CategoryTerm]> = [];
  const add = (phrase: string, term: CategoryTerm) => {
    const words = phraseOf(phrase);
    const key = words.join(' ');
    if (words.length === 0 || seen.has(key)) return;
    seen.add(key);
    terms.push([words, term]);
  };
  for (const category of categories) {
    const slug = slugFor(category);
    const key = joined(category);
    add(category, {
      category,
      weak: slug !== undefined && (CATEGORY_LEXICON[slug].weak ?? []).includes(key),
      kind: slug !== undefined && (CATEGORY_LEXICON[slug].kinds ?? []).includes(key),
      accessory: slug === 'accessory',
    });
  }
  for (const category of categories) {
    const slug = slugFor(category);
    if (slug === undefined) continue;
    const accessory = slug === 'accessory';
    const { strong, kinds = [], weak = [] } = CATEGORY_LEXICON[slug];
    for (const p of strong) add(p, { category, weak: false, kind: false, accessory });
    for (const p of kinds) add(p, { category, weak: false, kind: true, accessory });
    for (const p of weak) add(p, { category, weak: true, kind: false, accessory });
  }
  termCache.set(categories, terms);
  return terms;
}

export interface CategoryMatch {
  category?: string;
  /** The words that named it, to keep them out of the free text. */
  hit?: PhraseHit<CategoryTerm>;
  /** Whether the naming word was plural ("phones"), which turns "cheapest" into a list. */
  plural: boolean;
  hits: PhraseHit<CategoryTerm>[];
}

const PLURAL_ANYWAY = new Set(['headphones', 'earphones', 'airpods']);

/**
 * Picks the category a question is about: an accessory named right after a device
 * ("iphone case", "laptop stand"), else the first strong mention, else the first weak one.
 */
export function matchCategory(
  tokens: readonly Token[],
  categories: readonly string[],
): CategoryMatch {
  const hits = findPhrases(tokens, categoryPhrases(categories)).filter(
    (h) => !isVerbUse(tokens, h),
  );
  const compound = hits.find(
    (h, i) =>
      h.value.accessory && i > 0 && hits[i - 1]?.end === h.start && !hits[i - 1]?.value.accessory,
  );
  const hit = compound ?? hits.find((h) => !h.value.weak) ?? hits[0];
  if (hit === undefined) return { plural: false, hits };
  const words = tokens.slice(hit.start, hit.end);
  const plural = words.some((t) => t.word !== t.base || PLURAL_ANYWAY.has(t.word));
  return { category: hit.value.category, hit, plural, hits };
}

// "to watch", "to stand out", "in case": the word is not naming a product there.
function isVerbUse(tokens: readonly Token[], hit: PhraseHit<CategoryTerm>): boolean {
  if (hit.end - hit.start !== 1) return false;
  const previous = tokens[hit.start - 1]?.word;
  const word = tokens[hit.start]?.word;
  return previous === 'to' || (previous === 'in' && word === 'case');
}

/** Maps free text ("phone", "Notebooks") onto a catalog category, if it names one. */
export function resolveCategory(text: string, categories: readonly string[]): string | undefined {
  const exact = categories.find((c) => c.toLowerCase() === text.trim().toLowerCase());
  if (exact !== undefined) return exact;
  return matchCategory(toTokens(text), categories).category;
}
