import { queryTerms } from '../../catalog/text-index';
import { isMeasure } from '../../catalog/vocabulary/measures';

/**
 * What the store does not carry, in the shopper's own words. Retrieval names the missing
 * model or size as the index spells it ("iphone6", "85in", "2p25kg"); an answer must quote
 * what the shopper wrote ("iPhone 6", "85 inch", "2.25kg"), so each term is traced back to the
 * shortest run of the question's words that the index reads as that term.
 */

/** A run of words longer than this does not name one model or size. */
const MAX_WORDS = 4;

// Punctuation around a phrase that is the sentence's, not the product's ("iPhone 6?").
const LEADING = /^[([{'"“‘]+/u;
const TRAILING = /[)\]}.,;:!?'"”’]+$/u;

const unquoted = (text: string): string => text.replace(LEADING, '').replace(TRAILING, '');
const holds = (text: string, term: string): boolean => queryTerms(text).includes(term);

/** A phrase of the question: the words `from`..`to` (inclusive). */
interface Phrase {
  from: number;
  to: number;
}

/** A run of words and the terms the index reads in it. */
interface Window extends Phrase {
  terms: ReadonlySet<string>;
}

/**
 * Every run of up to MAX_WORDS words holding a digit (a model or size term always has one),
 * shortest first, each read once: a long question with many missing terms stays cheap.
 */
function windowsOf(words: readonly string[]): Window[] {
  const digit = words.map((w) => /\p{N}/u.test(w));
  const out: Window[] = [];
  for (let length = 1; length <= MAX_WORDS; length++) {
    for (let from = 0; from + length <= words.length; from++) {
      const to = from + length - 1;
      if (!digit.slice(from, to + 1).some(Boolean)) continue;
      const text = words.slice(from, to + 1).join(' ');
      // A closing quote may read as inches ('"Roku 3"'): the phrase counts with or without it.
      out.push({ from, to, terms: new Set([...queryTerms(text), ...queryTerms(unquoted(text))]) });
    }
  }
  return out;
}

/** The shortest run the index reads as `term`, or undefined. */
const phraseOf = (windows: readonly Window[], term: string): Phrase | undefined =>
  windows.find((w) => w.terms.has(term));

/**
 * A phrase without the sentence's punctuation around it, unless the punctuation is part of
 * the term (`55"` is 55 inch).
 */
function trimmed(text: string, terms: readonly string[]): string {
  const bare = unquoted(text);
  const keeps = (t: string) => terms.every((term) => holds(t, term));
  if (bare !== '' && keeps(bare)) return bare;
  const closed = text.replace(LEADING, '').replace(/[)\]}.,;:!?]+$/u, '');
  return closed !== '' && keeps(closed) ? closed : text;
}

/** Phrases that touch or overlap read as one: "85 inch 8K" is one thing the store lacks. */
function merged(phrases: readonly Phrase[]): Phrase[] {
  const sorted = [...phrases].sort((a, b) => a.from - b.from);
  const out: Phrase[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (last !== undefined && p.from <= last.to + 1) last.to = Math.max(last.to, p.to);
    else out.push({ ...p });
  }
  return out;
}

const bareWord = (word: string): string => unquoted(word).toLowerCase();

/** At most this many words before a model join its name ("Apple Watch Series 8"). */
const MAX_NAME_WORDS = 3;

/**
 * A model code is often named with the words before it, which the index keeps apart ("Galaxy
 * S21", "moto g7", "Apple Watch Series 8"): those words join the phrase when the search kept
 * them too (as text, category or brand), so a filler word ("need", "the") never does. The
 * statement stays true either way: a store with no S21 has no Galaxy S21.
 */
function withModelName(words: readonly string[], p: Phrase, named: ReadonlySet<string>): Phrase {
  if (isSizePhrase(words.slice(p.from, p.to + 1).join(' '))) return p;
  let from = p.from;
  while (from > 0 && p.from - from < MAX_NAME_WORDS) {
    const before = bareWord(words[from - 1] ?? '');
    if (!/^\p{L}{2,}$/u.test(before) || !named.has(before)) break;
    from -= 1;
  }
  return { from, to: p.to };
}

/**
 * "141 in stock" reads as 141 inches to the index, but a shopper writing a size in inches
 * writes `"`, "inch" or "in." glued or not — never a bare "in" before more words. Such a
 * phrase is no size the shopper named.
 */
const prepositionRead = (words: readonly string[], p: Phrase): boolean =>
  p.to + 1 < words.length && /^in$/i.test(words[p.to] ?? '') && /\d$/.test(words[p.to - 1] ?? '');

/** The phrases of `text` that name `terms`, and the terms no phrase of it names. */
function phrasesIn(
  text: string,
  terms: readonly string[],
  named: ReadonlySet<string>,
): { found: string[]; rest: string[] } {
  const words = text.split(/\s+/u).filter((w) => w !== '');
  const windows = windowsOf(words);
  const phrases: Phrase[] = [];
  const rest: string[] = [];
  for (const term of terms) {
    const phrase = phraseOf(windows, term);
    if (phrase === undefined || prepositionRead(words, phrase)) rest.push(term);
    else phrases.push(withModelName(words, phrase, named));
  }
  const found = merged(phrases).map((p) => {
    const text = words.slice(p.from, p.to + 1).join(' ');
    const named = terms.filter((t) => holds(text, t) || holds(unquoted(text), t));
    return trimmed(text, named);
  });
  return { found, rest };
}

/** What the search was for: its text and the category and brand words it resolved. */
export interface SearchWords {
  text: string;
  /** Category and brand words, which a model name may be ("iPhone", "Galaxy"). */
  names?: readonly string[];
}

/**
 * The missing `terms` as the shopper wrote them in `question`. A term the question does not
 * hold is left out: the search text it came from was rewritten ("JBL Go 2" read as "jbl 2"),
 * and "we don't carry the jbl 2" would be a claim the shopper never prompted and the store may
 * contradict. Empty when no term is the shopper's.
 */
export function askedWords(
  question: string,
  search: SearchWords,
  terms: readonly string[],
): string[] {
  const named = new Set(
    [search.text, ...(search.names ?? [])].flatMap((w) => w.split(/\s+/u)).map(bareWord),
  );
  return [...new Set(phrasesIn(question, terms, named).found)];
}

/** Whether a phrase the store lacks is a size or measure ("85 inch", "4K"), not a model. */
export const isSizePhrase = (phrase: string): boolean => {
  const terms = queryTerms(phrase);
  return terms.length > 0 && terms.every(isMeasure);
};
