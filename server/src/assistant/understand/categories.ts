import { CATEGORIES } from '@aisle/shared';
import { CATEGORY_LEXICON, type CategorySlug } from '../../lexicon/category-lexicon';
import { STOP_WORDS } from '../../text/stop-words';
import { FILLER } from './filler';
import { findPhrases, type PhraseHit, phraseOf, type Token, toTokens } from './tokens';

/** What a category phrase found in a question stands for. */
export interface CategoryTerm {
  /** The category as the catalog spells it. */
  category: string;
  weak: boolean;
  /** A kind of product within the category: worth keeping as search text. */
  kind: boolean;
  /** Taken from the store's category words (not the demo lexicon's table). */
  storeWord?: boolean;
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

function namesConcept(category: string, slug: CategorySlug): boolean {
  const key = joined(category);
  return key === joined(slug) || CATEGORY_LEXICON[slug].strong.includes(key);
}

const termCache = new WeakMap<
  readonly string[],
  WeakMap<readonly string[], Array<[string[], CategoryTerm]>>
>();
const NO_WORDS: readonly string[] = [];

/**
 * The phrases that name each catalog category: the category itself (singular or plural) and,
 * when it is one of the canonical slugs or a synonym of one ("Phones"), that slug's synonyms;
 * then the store's category words (`words`: head nouns of its category names at every level and
 * lexicon words that resolve in the store), each standing for itself: the catalog resolves it.
 */
export function categoryPhrases(
  categories: readonly string[],
  words: readonly string[] = NO_WORDS,
): Array<[string[], CategoryTerm]> {
  const byWords = termCache.get(categories) ?? new WeakMap();
  termCache.set(categories, byWords);
  const cached = byWords.get(words);
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
    // Only a category that is the lexicon's concept takes its words: "Chromebooks" is a kind
    // of laptop, not every laptop (the store's category words resolve "laptop" softly).
    if (slug === undefined || !namesConcept(category, slug)) continue;
    const accessory = slug === 'accessory';
    const { strong, kinds = [], weak = [] } = CATEGORY_LEXICON[slug];
    for (const p of strong) add(p, { category, weak: false, kind: false, accessory });
    for (const p of kinds) add(p, { category, weak: false, kind: true, accessory });
    for (const p of weak) add(p, { category, weak: true, kind: false, accessory });
  }
  for (const word of words) {
    if (QUESTION_WORDS.has(word)) continue;
    // A qualified phrase ("robot vacuum") may name a broader category: its words stay as text.
    add(word, {
      category: word,
      weak: false,
      kind: word.includes(' '),
      accessory: false,
      storeWord: true,
    });
  }
  byWords.set(words, terms);
  return terms;
}

// Words a store's category tree may hold that a question uses for something else.
const QUESTION_WORDS = new Set([
  ...STOP_WORDS,
  'set',
  'other',
  'more',
  'best',
  'top',
  'new',
  'home',
  'gift',
  'use',
  'general',
  'misc',
  'miscellaneous',
  'sale',
  'deal',
  'popular',
  'featured',
  'all',
]);

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
  storeWords: readonly string[] = NO_WORDS,
): CategoryMatch {
  const found = findPhrases(tokens, categoryPhrases(categories, storeWords));
  const hits = found.filter((h) => !isVerbUse(tokens, h) && !isModifierUse(tokens, h, found));
  const compound = hits.find(
    (h, i) =>
      h.value.accessory && i > 0 && hits[i - 1]?.end === h.start && !hits[i - 1]?.value.accessory,
  );
  const hit = compound ?? headOf(hits) ?? hits.find((h) => !h.value.weak) ?? hits[0];
  if (hit === undefined) return { plural: false, hits };
  const words = tokens.slice(hit.start, hit.end);
  const plural = words.some((t) => t.word !== t.base || PLURAL_ANYWAY.has(t.word));
  return { category: hit.value.category, hit, plural, hits };
}

/**
 * In a run of category words the last names the thing ("laptop bag" is a bag): the head of the
 * first run of two or more strong hits that touch, when there is one.
 */
function headOf(hits: readonly PhraseHit<CategoryTerm>[]): PhraseHit<CategoryTerm> | undefined {
  for (let i = 1; i < hits.length; i++) {
    const before = hits[i - 1];
    const hit = hits[i];
    if (before === undefined || hit === undefined || before.end !== hit.start) continue;
    if (before.value.weak || hit.value.weak) continue;
    let last = hit;
    for (let j = i + 1; hits[j]?.start === last.end && hits[j]?.value.weak === false; j++) {
      last = hits[j] ?? last;
    }
    return last;
  }
  return undefined;
}

/**
 * "laptop stand", "phone case" in a store that has no category for stands or cases: the store
 * word qualifies the next noun, so it names no category (both words stay search text).
 */
function isModifierUse(
  tokens: readonly Token[],
  hit: PhraseHit<CategoryTerm>,
  hits: readonly PhraseHit<CategoryTerm>[],
): boolean {
  if (hit.value.storeWord !== true) return false;
  const next = tokens[hit.end];
  if (next === undefined || hits.some((h) => h.start === hit.end)) return false;
  const word = next.word;
  return (
    /^\p{L}{3,}$/u.test(word) &&
    !STOP_WORDS.has(word) &&
    !FILLER.has(word) &&
    !FILLER.has(next.base)
  );
}

// "to watch", "to stand out", "in case": the word is not naming a product there.
function isVerbUse(tokens: readonly Token[], hit: PhraseHit<CategoryTerm>): boolean {
  if (hit.end - hit.start !== 1) return false;
  const previous = tokens[hit.start - 1]?.word;
  const word = tokens[hit.start]?.word;
  return previous === 'to' || (previous === 'in' && word === 'case');
}

/** Maps free text ("phone", "Notebooks") onto a catalog category, if it names one. */
export function resolveCategory(
  text: string,
  categories: readonly string[],
  words: readonly string[] = NO_WORDS,
): string | undefined {
  const exact = categories.find((c) => c.toLowerCase() === text.trim().toLowerCase());
  if (exact !== undefined) return exact;
  return matchCategory(toTokens(text), categories, words).category;
}
