import type { Product } from '@aisle/shared';
import { SHOPPING_LEXICON, type ShoppingLexicon } from '../../lexicon/shopping-lexicon';
import { brandKey } from '../brand-key';
import { buildCategoryTree, type CategoryTree } from './category-tree';
import {
  type CategoryScope,
  nodeWeights,
  resolveCategory,
  STRONG_EVIDENCE,
} from './resolve-category';

/**
 * What understanding knows about one store, built from its products at load: its category
 * tree at every level, its brands as written (with a folded match key), the category words
 * that name something it sells, and the store's category resolution.
 */
export interface StoreVocabulary {
  readonly tree: CategoryTree;
  /** Brand match key -> the brand as the store writes it (first seen). */
  readonly brands: ReadonlyMap<string, string>;
  /** Every node name of the category tree, as written (root levels included). */
  readonly categoryNames: readonly string[];
  /**
   * Phrases (folded, singular) that name a category this store sells with strong evidence:
   * its category names, their parts and head nouns, and lexicon words that resolve here.
   */
  readonly categoryWords: readonly string[];
  /** A shopper's (or a model's) category word -> the store's categories, by evidence. */
  resolve(phrase: string): CategoryScope;
  /**
   * The store's words in a bounded list (for a model's prompt, or to tell a shopper what is
   * sold): category names and brands, those with the most products first.
   */
  top(max: number): { categories: string[]; brands: string[] };
  /** A few of the store's categories near a word it has no category for, else the largest. */
  suggest(phrase: string, max: number): string[];
  /** The lexicon words are read with: the general one, plus the store's own synonyms. */
  readonly lexicon: ShoppingLexicon;
  /** Swaps the lexicon (a store's synonyms changed): resolutions and category words follow. */
  useLexicon(next: ShoppingLexicon): void;
}

const RESOLVE_CACHE = 512;

export function buildStoreVocabulary(
  products: readonly Product[],
  initialLexicon: ShoppingLexicon = SHOPPING_LEXICON,
): StoreVocabulary {
  let lexicon = initialLexicon;
  // Computed on first use after each swap: a store's synonyms can make new words name a category.
  let words: string[] | undefined;
  const tree = buildCategoryTree(products);
  const brands = new Map<string, string>();
  const brandSize = new Map<string, number>();
  for (const p of products) {
    const k = brandKey(p.brand);
    if (k === '') continue;
    if (!brands.has(k)) brands.set(k, p.brand);
    brandSize.set(k, (brandSize.get(k) ?? 0) + 1);
  }
  const cache = new Map<string, CategoryScope>();
  const resolve = (phrase: string): CategoryScope => {
    const k = phrase.trim().toLowerCase();
    let scope = cache.get(k);
    if (scope === undefined) {
      scope = resolveCategory(tree, lexicon, k);
      if (cache.size >= RESOLVE_CACHE) cache.clear();
      cache.set(k, scope);
    }
    return scope;
  };
  const categoryNames = [...new Set(tree.nodes.map((n) => n.name))];
  // Departments holding most of the store ("Electronics") say little: the largest of the rest.
  const telling = tree.nodes.filter((n) => n.groups.length === 1 || n.size * 2 <= products.length);
  const bySize = [...telling].sort((a, b) => b.size - a.size || a.depth - b.depth);
  const largest = (max: number): string[] =>
    [...new Set(bySize.map((n) => n.name))].slice(0, Math.max(0, max));
  const top = (max: number) => ({
    categories: largest(max),
    brands: [...brandSize]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Math.max(0, max))
      .flatMap(([k]) => brands.get(k) ?? []),
  });
  const suggest = (phrase: string, max: number): string[] => {
    const near = resolve(phrase).related.map(
      (g) => tree.nodes[tree.nodeOfGroup[g] ?? 0]?.name ?? '',
    );
    const names = [...new Set(near.filter((n) => n !== ''))];
    return names.length > 0 ? names.slice(0, max) : largest(max);
  };
  return {
    tree,
    brands,
    categoryNames,
    get categoryWords() {
      words ??= categoryWordsOf(tree, lexicon);
      return words;
    },
    resolve,
    top,
    suggest,
    get lexicon() {
      return lexicon;
    },
    useLexicon(next) {
      lexicon = next;
      words = undefined;
      cache.clear();
    },
  };
}

/** Candidate phrases (node parts, their heads, lexicon phrases) kept when they resolve strongly. */
function categoryWordsOf(tree: CategoryTree, lexicon: ShoppingLexicon): string[] {
  const candidates = new Set<string>();
  for (const node of tree.nodes) {
    for (const part of node.parts) {
      candidates.add(part.join(' '));
      const head = part[part.length - 1];
      if (head !== undefined && head.length > 1) candidates.add(head);
    }
  }
  for (const phrase of lexicon.phrases()) candidates.add(phrase);
  // The best node's weight is the best leaf's: a leaf takes its own node's weight undiminished.
  const strong = (c: string): boolean =>
    nodeWeights(tree, lexicon, c).some((w) => w >= STRONG_EVIDENCE);
  return [...candidates].filter((c) => c.length > 1 && strong(c));
}
