import { createHash } from 'node:crypto';
import type { Preferences } from '@aisle/shared';
import type { LastSearch } from '../../store/types';

/** Words that make a question depend on what the session was shown before. */
const REFERS_TO_EARLIER =
  /\b(those|these|them|they|it|its|that one|this one|the (first|second|third|fourth|fifth|last|other|cheaper|cheapest|same)|which one|one of|previous|above|compare)\b|\bthe \w+ one\b/i;

export const refersToEarlier = (question: string): boolean => REFERS_TO_EARLIER.test(question);

/** Case, spacing and trailing punctuation do not make a different question. */
export const normalizeQuestion = (q: string): string =>
  q
    .toLowerCase()
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.,;:]+$/g, '')
    .trim();

function canonicalPreferences(p: Preferences): string {
  const entries = Object.entries(p)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, Array.isArray(v) ? [...v].map((s) => s.toLowerCase()).sort() : v] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

/**
 * The search as key material: every field the query has (so a field added later counts too),
 * in a fixed order; brand order and case do not make a different search.
 */
function canonicalSearch(search: LastSearch | undefined): string | null {
  if (search === undefined) return null;
  const brands = (list: readonly string[] | undefined) => list?.map((b) => b.toLowerCase()).sort();
  const fields: Record<string, unknown> = {
    ...search.query,
    brands: brands(search.query.brands),
    excludedBrands: brands(search.excludedBrands),
  };
  const keys = Object.keys(fields)
    .filter((k) => fields[k] !== undefined)
    .sort();
  return JSON.stringify(keys.map((k) => [k, fields[k]]));
}

export interface CacheKeyParts {
  question: string;
  catalogVersion: string;
  knowledgeVersion: number;
  provider: string;
  preferences: Preferences;
  /** SKUs last shown; part of the key when the question refers to them or may refine. */
  shown: string[];
  /** The session's last search: any question may refine it ("only Samsung", "under $500"). */
  search?: LastSearch;
}

/**
 * Where an answer may be cached and under which hash. A question that depends on no session
 * state (no preferences, no reference to products shown, no earlier search it could refine)
 * is shared across sessions; any other is cached for its session only, keyed by what it
 * depends on. The key is chosen before the question is understood, so once a session has a
 * search, every question is keyed by it (and by the products it showed): whether "only
 * Samsung" refines it is only known after understanding.
 */
export function cacheKeyFor(parts: CacheKeyParts): {
  shared: boolean;
  /** Whether the key includes the products shown (a follow-up, or a search to refine). */
  refers: boolean;
  hash: string;
} {
  const question = normalizeQuestion(parts.question);
  const refines = parts.search !== undefined;
  const refers = (refersToEarlier(question) && parts.shown.length > 0) || refines;
  const prefs = canonicalPreferences(parts.preferences);
  const shared = !refers && prefs === '[]';
  const material = JSON.stringify([
    question,
    parts.catalogVersion,
    parts.knowledgeVersion,
    parts.provider,
    prefs,
    refers ? parts.shown : [],
    canonicalSearch(parts.search),
  ]);
  const hash = createHash('sha256').update(material).digest('base64url').slice(0, 32);
  return { shared, refers, hash };
}
