import { singularize } from '../../text/singularize';

/** A word of the question, as typed (`word`, lowercased) and folded to singular (`base`). */
export interface Token {
  word: string;
  base: string;
}

/** Splits on anything but letters, digits and apostrophes; drops possessive "'s". */
export function toTokens(text: string): Token[] {
  const words = text
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, '').replace(/'s$/, ''))
    .filter((w) => w.length > 0);
  return words.map((word) => ({ word, base: singularize(word) }));
}

/** A phrase as the base forms of its words: "Cell Phones" -> ["cell", "phone"]. */
export function phraseOf(text: string): string[] {
  return toTokens(text).map((t) => t.base);
}

/** A phrase found in the tokens: [start, end) token positions. */
export interface PhraseHit<T> {
  start: number;
  end: number;
  value: T;
}

/**
 * Finds non-overlapping phrases, longest first at each position. `key` picks the form of a
 * token that phrases are written in (base for categories, word for brands).
 */
export function findPhrases<T>(
  tokens: readonly Token[],
  phrases: ReadonlyArray<readonly [phrase: readonly string[], value: T]>,
  key: 'base' | 'word' = 'base',
): PhraseHit<T>[] {
  const sorted = [...phrases]
    .filter(([p]) => p.length > 0)
    .sort((a, b) => b[0].length - a[0].length);
  const hits: PhraseHit<T>[] = [];
  let i = 0;
  while (i < tokens.length) {
    const hit = sorted.find(([phrase]) =>
      phrase.every((part, k) => {
        const token = tokens[i + k];
        return token !== undefined && token[key] === part;
      }),
    );
    if (hit === undefined) {
      i += 1;
      continue;
    }
    hits.push({ start: i, end: i + hit[0].length, value: hit[1] });
    i += hit[0].length;
  }
  return hits;
}
