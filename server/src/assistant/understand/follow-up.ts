import type { Product } from '@aisle/shared';
import { STOP_WORDS } from '../../text/stop-words';
import { type Token, toTokens } from './tokens';

export interface FollowUp {
  followUp: boolean;
  /** 0-based indexes into the products last shown, in the order the question names them. */
  references: number[];
  /** Token positions that only served to point at shown products ("the second one"). */
  consumed: Set<number>;
}

const ORDINALS: Readonly<Record<string, number>> = {
  first: 0,
  '1st': 0,
  former: 0,
  second: 1,
  '2nd': 1,
  third: 2,
  '3rd': 2,
  fourth: 3,
  '4th': 3,
  fifth: 4,
  '5th': 4,
  sixth: 5,
  '6th': 5,
  seventh: 6,
  '7th': 6,
  eighth: 7,
  '8th': 7,
  ninth: 8,
  '9th': 8,
  tenth: 9,
  '10th': 9,
};
const LAST = new Set(['last', 'final', 'latter', 'bottom']);
const POINTER_NOUNS =
  /^(?:one|ones|option|item|product|choice|pick|model|phone|laptop|tablet|tv|camera|watch|headphones|speaker|monitor|console|result)s?$/;

const ALL =
  /\b(?:those|these|them|they|either|both|all\s+of\s+(?:them|those|these)|the\s+(?:two|three|four|five)\b(?!\s+(?:cheapest|best|most|top))|(?:from|of|among|in)\s+(?:the|your|that|this)\s+(?:list|results|options|selection|ones\s+above))\b/i;
const PRONOUN =
  /\bit\b|\b(?:that|this)\s+(?:one|model|item|product|option|deal)\b|\b(?:that|this)\s*(?:[?.!,]|$)|\b(?:add|buy|get|take|order|want|like|about|is|does|do|can|compare|has)\s+(?:that|this)\b/i;
const COMPARE = /\b(?:compare|comparison|difference|differences|vs\.?|versus)\b/i;
const ABOUT_SHOWN =
  /\b(?:which\s+(?:one|is|has|of|would|should|do|would)|any\s+of|tell\s+me\s+more|more\s+(?:details|info|information|about)|in\s+stock|available|how\s+much\s+(?:is|does)|what(?:'s|\s+is)\s+the\s+(?:price|rating|difference))\b/i;

/** Positions of tokens between "the" and "one" in "the Samsung one", "the pro max one". */
function describedAt(tokens: readonly Token[]): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  tokens.forEach((t, i) => {
    if (t.word !== 'the') return;
    for (let len = 1; len <= 3; len++) {
      const after = tokens[i + 1 + len];
      if (after !== undefined && /^(?:one|ones|model|version|variant)$/.test(after.word)) {
        spans.push({ start: i + 1, end: i + 1 + len });
        return;
      }
    }
  });
  return spans;
}

const wordsOf = (p: Product): Set<string> =>
  new Set(toTokens(`${p.brand} ${p.name}`).flatMap((t) => [t.word, t.base]));

/**
 * Works out whether a question is about the products shown before, and which of them:
 * "those" / "them" -> all; "the second one" -> [1]; "the Samsung one" -> those by Samsung;
 * "compare them" -> all; "add it to my cart" -> the only one shown, or all when several.
 */
export function detectFollowUp(
  question: string,
  tokens: readonly Token[],
  lastShown: readonly Product[],
  named: { category?: string; brands: readonly string[]; brandTokens: ReadonlySet<number> },
): FollowUp {
  const none: FollowUp = { followUp: false, references: [], consumed: new Set() };
  const n = lastShown.length;
  if (n === 0) return none;
  const all = lastShown.map((_, i) => i);
  const consumed = new Set<number>();
  const refs: number[] = [];
  // Out-of-range ordinals are kept: "the fifth one" after three products is a question about
  // what was shown, and the answer should say so rather than pick another product.
  const push = (i: number) => {
    if (i >= 0 && i < 50 && !refs.includes(i)) refs.push(i);
  };
  let pointedAt = false;

  // Ordinals: "the second one", "2nd option", "the last one", "number 3".
  tokens.forEach((t, i) => {
    const previous = tokens[i - 1]?.word;
    const next = tokens[i + 1]?.word ?? '';
    const pointed = previous === 'the' || POINTER_NOUNS.test(next);
    const ordinal = ORDINALS[t.word];
    if (ordinal !== undefined && pointed) push(ordinal);
    else if (LAST.has(t.word) && pointed) push(n - 1);
    else if (/^(?:number|option|item|no)$/.test(t.word) && /^\d{1,2}$/.test(next))
      push(Number(next) - 1);
    else return;
    pointedAt = true;
    consumed.add(i);
    if (POINTER_NOUNS.test(next)) consumed.add(i + 1);
  });

  // Named: "the Samsung one", "the pro one", "the Sony" (a brand among those shown).
  for (const span of describedAt(tokens)) {
    const wanted = tokens
      .slice(span.start, span.end)
      .map((t) => t.base)
      .filter((w) => !STOP_WORDS.has(w));
    const matches = all.filter((i) => {
      const product = lastShown[i];
      if (product === undefined || wanted.length === 0) return false;
      const words = wordsOf(product);
      return wanted.every((w) => words.has(w));
    });
    matches.forEach(push);
    for (let k = span.start - 1; k <= span.end; k++) consumed.add(k);
    // "the cheaper one" points at the shown products; "the Sony one" when none is Sony does not.
    const namesBrand = tokens
      .slice(span.start, span.end)
      .some((_, k) => named.brandTokens.has(span.start + k));
    if (matches.length === 0 && refs.length === 0 && !namesBrand) all.forEach(push);
  }
  const shownBrands = new Set(lastShown.map((p) => p.brand.toLowerCase()));
  const newBrand = named.brands.some((b) => !shownBrands.has(b.toLowerCase()));
  const newCategory =
    named.category !== undefined && !lastShown.some((p) => p.category === named.category);
  for (const i of named.brandTokens) {
    if (tokens[i - 1]?.word !== 'the' || newBrand) continue;
    const word = tokens[i]?.word ?? '';
    all
      .filter((k) => {
        const product = lastShown[k];
        return (
          product !== undefined &&
          (product.brand.toLowerCase() === word || wordsOf(product).has(word))
        );
      })
      .forEach(push);
  }

  if (refs.length > 0 || pointedAt) return { followUp: true, references: refs, consumed };

  if (ALL.test(question)) return { followUp: true, references: all, consumed };
  const fresh = newBrand || newCategory;
  if (!fresh && (COMPARE.test(question) || ABOUT_SHOWN.test(question) || PRONOUN.test(question))) {
    return { followUp: true, references: all, consumed };
  }
  return none;
}
