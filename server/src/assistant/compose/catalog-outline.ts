import type { Product } from '@aisle/shared';
import { stem } from '../../text/stem';
import { extractTopics } from '../../text/topics';

/** One of the store's categories, at any level of its tree, with how many products it holds. */
export interface OutlineCategory {
  name: string;
  count: number;
  /** Path depth: 0 for a top-level category. */
  depth: number;
  /** The name's words, singular and stemmed, to meet a question's words. */
  words: readonly string[];
}

/**
 * What an answer may say about the store as a whole: its categories as the store wrote them,
 * the biggest first. Built once per catalog from the products, so it describes any store.
 */
export interface CatalogOutline {
  /** Top-level categories, the biggest first. */
  top: readonly string[];
  /** Every category at every level, the biggest first. */
  categories: readonly OutlineCategory[];
}

export const EMPTY_OUTLINE: CatalogOutline = { top: [], categories: [] };

const wordsOf = (text: string): string[] => extractTopics(text).map(stem);

const pathOf = (p: Pick<Product, 'category' | 'category_path'>): readonly string[] =>
  p.category_path !== undefined && p.category_path.length > 0 ? p.category_path : [p.category];

const byCountThenName = (a: OutlineCategory, b: OutlineCategory) =>
  b.count - a.count || a.name.localeCompare(b.name, 'en');

/** The outline of a catalog: every category of every product's path, counted once per product. */
export function catalogOutline(
  products: readonly Pick<Product, 'category' | 'category_path'>[],
): CatalogOutline {
  const byName = new Map<string, OutlineCategory>();
  for (const p of products) {
    const seen = new Set<string>();
    pathOf(p).forEach((raw, depth) => {
      const name = raw.trim();
      const key = name.toLowerCase();
      if (name === '' || seen.has(key)) return;
      seen.add(key);
      const entry = byName.get(key);
      if (entry === undefined) byName.set(key, { name, count: 1, depth, words: wordsOf(name) });
      else {
        entry.count += 1;
        entry.depth = Math.min(entry.depth, depth);
      }
    });
  }
  const categories = [...byName.values()].sort(byCountThenName);
  return { top: categories.filter((c) => c.depth === 0).map((c) => c.name), categories };
}

/** An outline from bare category names (no counts), in the order given. */
export const outlineOfNames = (names: readonly string[]): CatalogOutline =>
  catalogOutline(names.map((category) => ({ category })));

/**
 * Categories whose names share a word with the question ("wireless mouse pad" -> "Mouse
 * Pads", "Mice & Keyboards"), most shared words first, then the biggest; at most `max`.
 */
export function relatedCategories(outline: CatalogOutline, question: string, max = 5): string[] {
  const asked = new Set(wordsOf(question));
  if (asked.size === 0) return [];
  return outline.categories
    .map((c) => ({ c, shared: c.words.filter((w) => asked.has(w)).length }))
    .filter((x) => x.shared > 0)
    .sort((a, b) => b.shared - a.shared || byCountThenName(a.c, b.c))
    .slice(0, max)
    .map((x) => x.c.name);
}

/** The categories to suggest: related to the question when any are, else the biggest top-level. */
export function suggestedCategories(
  outline: CatalogOutline,
  question: string,
  max = 5,
): { related: boolean; names: string[] } {
  const related = relatedCategories(outline, question, max);
  if (related.length > 0) return { related: true, names: related };
  return { related: false, names: outline.top.slice(0, max) };
}
