import {
  EXPANSION_WEIGHTS,
  type Expansion,
  type ShoppingLexicon,
} from '../../lexicon/shopping-lexicon';
import type { CategoryTree } from './category-tree';
import { foldWords } from './fold';

/**
 * How well one part of a category name ("flat panel tv") names what the shopper's phrase
 * ("tv") names. The head noun (the last word, in English) says what a thing is; the words
 * before it only qualify it: "TV Mounts" are mounts, not TVs.
 */
export const MATCH_WEIGHTS = {
  /** The part is the phrase: "TVs" for "tv". */
  same: 1,
  /** Same head, the part more specific: "Flat-Panel TVs" for "tv". */
  narrower: 0.9,
  /** Same head, the phrase more specific: "Vacuums" for "robot vacuum". */
  broader: 0.8,
  /** Same head, other qualifiers: "Laptop Bags" for "tote bag". */
  sibling: 0.3,
  /** The phrase only qualifies the part: "TV Mounts" for "tv". */
  modifier: 0.25,
} as const;

/** A node with several parts ("TV & Video") holds other things too. */
const SHARED_NODE = 0.7;
/** A leaf inherits its ancestors' weight, less: a broad node is not all of one thing. */
const INHERITED = 0.9;
/** Below this, no category is named: the evidence is a modifier at best. */
export const STRONG_EVIDENCE = 0.5;
/** Categories within this share of the best one are in scope. */
const NEAR_BEST = 0.75;

function partMatch(part: readonly string[], phrase: readonly string[]): number {
  const head = part[part.length - 1] ?? '';
  const phraseHead = phrase[phrase.length - 1] ?? '';
  if (part.length === phrase.length && part.every((w, i) => w === phrase[i]))
    return MATCH_WEIGHTS.same;
  if (head === phraseHead) {
    if (phrase.slice(0, -1).every((w) => part.includes(w))) return MATCH_WEIGHTS.narrower;
    if (part.slice(0, -1).every((w) => phrase.includes(w))) return MATCH_WEIGHTS.broader;
    return MATCH_WEIGHTS.sibling;
  }
  const at = part.indexOf(phraseHead);
  if (at >= 0 && at < part.length - 1 && phrase.slice(0, -1).every((w) => part.includes(w))) {
    return MATCH_WEIGHTS.modifier;
  }
  return 0;
}

/**
 * Whether a category of its own is named by the phrase or a kind of it ("TVs", "Smart TVs"),
 * not only listed beside other things ("TV & Video") or qualified ("TV Mounts").
 */
function hasDirectEvidence(tree: CategoryTree, words: readonly string[]): boolean {
  return tree.nodes.some(
    (node) =>
      node.partCount === 1 &&
      node.parts.some((part) => partMatch(part, words) >= MATCH_WEIGHTS.narrower),
  );
}

/** Weight of every node for the phrase (0 = no evidence). */
export function nodeWeights(
  tree: CategoryTree,
  lexicon: ShoppingLexicon,
  phrase: string,
): Float64Array {
  const words = foldWords(phrase);
  const weights = new Float64Array(tree.nodes.length);
  if (words.length === 0) return weights;
  // The shopper's own word found in the store's names outweighs its synonyms: "laptop" means
  // the laptops, not the paper notebooks a synonym would also find.
  const all = lexicon.expand(words);
  const ownOrKind = (e: Expansion): boolean =>
    e.weight === 1 || e.weight === EXPANSION_WEIGHTS.kind;
  const expansions = hasDirectEvidence(tree, words) ? all.filter(ownOrKind) : all;
  tree.nodes.forEach((node, id) => {
    let best = 0;
    const shared = node.partCount > 1 ? SHARED_NODE : 1;
    for (const part of node.parts) {
      for (const e of expansions) {
        const m = partMatch(part, e.words);
        const w = e.weight * (m > MATCH_WEIGHTS.modifier ? m * shared : m);
        if (w > best) best = w;
      }
    }
    weights[id] = best;
  });
  return weights;
}

/** A category scope: leaf groups with their weights, best first. */
export interface CategoryScope {
  /** Leaf groups in scope (near the best weight), best first. */
  groups: number[];
  /** Every leaf group with any evidence, best first (for relaxing). */
  related: number[];
  /**
   * The related groups whose own categories name the thing (`>= STRONG_EVIDENCE`), in
   * scope or not: "Wallets & Money Clips" beside "Wallet", not "Remote Controls" for "tv".
   */
  naming: number[];
  /** Weight of the best group: `>= STRONG_EVIDENCE` when the store has the category. */
  best: number;
  /** The deepest node names in scope, best first (to tell the shopper what was searched). */
  names: string[];
}

/**
 * Resolves a shopper's category word softly: every leaf group gets the best weight of its own
 * node and (less) its ancestors; the groups near the best one are the scope.
 */
export function resolveCategory(
  tree: CategoryTree,
  lexicon: ShoppingLexicon,
  phrase: string,
): CategoryScope {
  const nodes = nodeWeights(tree, lexicon, phrase);
  const weights = new Float64Array(tree.groupCount);
  for (let g = 0; g < tree.groupCount; g++) {
    let depthFactor = 1;
    let best = 0;
    for (let n = tree.nodeOfGroup[g] ?? -1; n >= 0; n = tree.nodes[n]?.parent ?? -1) {
      best = Math.max(best, (nodes[n] ?? 0) * depthFactor);
      depthFactor *= INHERITED;
    }
    weights[g] = best;
  }
  const related = [...weights.keys()].filter((g) => (weights[g] ?? 0) > 0);
  related.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || a - b);
  const best = related.length > 0 ? (weights[related[0] ?? 0] ?? 0) : 0;
  const groups = related.filter((g) => (weights[g] ?? 0) >= best * NEAR_BEST);
  const names = [...new Set(groups.map((g) => tree.nodes[tree.nodeOfGroup[g] ?? 0]?.name ?? ''))];
  // By the category's own name, not a broad ancestor's ("TV & Video > Remote Controls").
  const naming = related.filter((g) => (nodes[tree.nodeOfGroup[g] ?? -1] ?? 0) >= STRONG_EVIDENCE);
  return { groups, related, naming, best, names };
}
