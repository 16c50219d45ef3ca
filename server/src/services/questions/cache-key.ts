import { createHash } from 'node:crypto';
import type { Preferences } from '@aisle/shared';

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

export interface CacheKeyParts {
  question: string;
  catalogVersion: string;
  knowledgeVersion: number;
  /** The store's own synonyms change what a question finds. */
  synonymsVersion: number;
  provider: string;
  preferences: Preferences;
  /** SKUs last shown; part of the key only when the question refers to them. */
  shown: string[];
}

/**
 * Where an answer may be cached and under which hash. A question that depends on no session
 * state (no preferences, no reference to products shown) is shared across sessions; any
 * other is cached for its session only, keyed by what it depends on.
 *
 * The session's last search is not part of the key: whether a question refines it ("only
 * Samsung") is known only once it is read. Instead each entry says whether it may refine a
 * search (`refinable`): such entries serve only sessions without one, and an answer that did
 * refine a session's search is not cached (question-steps.ts `cacheableInConversation`).
 */
export function cacheKeyFor(parts: CacheKeyParts): {
  shared: boolean;
  /** Whether the key includes the products shown (the question looked like a follow-up). */
  refers: boolean;
  hash: string;
} {
  const question = normalizeQuestion(parts.question);
  const refers = refersToEarlier(question) && parts.shown.length > 0;
  const prefs = canonicalPreferences(parts.preferences);
  const shared = !refers && prefs === '[]';
  const material = JSON.stringify([
    question,
    parts.catalogVersion,
    parts.knowledgeVersion,
    parts.synonymsVersion,
    parts.provider,
    prefs,
    refers ? parts.shown : [],
  ]);
  const hash = createHash('sha256').update(material).digest('base64url').slice(0, 32);
  return { shared, refers, hash };
}
