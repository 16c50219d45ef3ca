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

/** A phrase of the question: the words `from`..`to` (inclusive) and the terms it holds. */
interface Phrase {
  from: number;
  to: number;
}

/** The shortest run of `words` the index reads as `term`, or undefined. */
function phraseOf(words: readonly string[], term: string): Phrase | undefined {
  for (let length = 1; length <= MAX_WORDS; length++) {
    for (let from = 0; from + length <= words.length; from++) {
      const to = from + length - 1;
      const text = words.slice(from, to + 1).join(' ');
      // A closing quote may read as inches ('"Roku 3"'): the phrase counts with or without it.
      if (holds(text, term) || holds(unquoted(text), term)) return { from, to };
    }
  }
  return undefined;
}

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

/**
 * A code that starts with a letter ("S21", "g7") is a model only with the name before it
 * ("Galaxy S21", "moto g7"), which the index keeps apart: the word before joins the phrase when
 * the search kept it too (a filler word like "need" it did not). The statement stays true
 * either way: a store with no S21 has no Galaxy S21.
 */
function withModelName(words: readonly string[], p: Phrase, named: ReadonlySet<string>): Phrase {
  const code = unquoted(words[p.from] ?? '');
  const before = bareWord(words[p.from - 1] ?? '');
  const isCode = p.from === p.to && /^\p{L}+\p{N}/u.test(code);
  return isCode && /^\p{L}{2,}$/u.test(before) && named.has(before)
    ? { from: p.from - 1, to: p.to }
    : p;
}

/** The phrases of `text` that name `terms`, and the terms no phrase of it names. */
function phrasesIn(
  text: string,
  terms: readonly string[],
  named: ReadonlySet<string>,
): { found: string[]; rest: string[] } {
  const words = text.split(/\s+/u).filter((w) => w !== '');
  const phrases: Phrase[] = [];
  const rest: string[] = [];
  for (const term of terms) {
    const phrase = phraseOf(words, term);
    if (phrase === undefined) rest.push(term);
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
 * The missing `terms` as the shopper wrote them in `question`; a term the question does not
 * hold (an LLM reading may rephrase) is taken from the search text it came from, and as a
 * last resort quoted as the index spells it.
 */
export function askedWords(
  question: string,
  search: SearchWords,
  terms: readonly string[],
): string[] {
  const named = new Set(
    [search.text, ...(search.names ?? [])].flatMap((w) => w.split(/\s+/u)).map(bareWord),
  );
  const own = phrasesIn(question, terms, named);
  const searched = phrasesIn(search.text, own.rest, named);
  return [...new Set([...own.found, ...searched.found, ...searched.rest])];
}

/** Whether a phrase the store lacks is a size or measure ("85 inch", "4K"), not a model. */
export const isSizePhrase = (phrase: string): boolean => {
  const terms = queryTerms(phrase);
  return terms.length > 0 && terms.every(isMeasure);
};
