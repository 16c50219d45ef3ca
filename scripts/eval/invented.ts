/**
 * The "invented facts" audit, run on every turn whatever the case expects: everything an
 * answer states must be something the store's file gives.
 *
 * - invented:product  a product whose sku the file does not have;
 * - invented:price    a product shown at a price other than the file's;
 * - invented:rating   a rating claim ("rated 4.5/5", "4 stars", "not rated", "top-rated") when
 *                     the file has no ratings, or a rating number no known product has,
 *                     or a rating count ("363,713 ratings", "12 reviews") that is no known
 *                     product's count in the file (any count, when the file gives none);
 * - invented:stock    a stock claim ("in stock", "out of stock", "3 left", "sold out") when the
 *                     file has no stock, or one no known product's stock supports; sentences
 *                     that say the answer does not know ("I don't have stock information")
 *                     are not claims;
 * - invented:money    an amount that is not the price of a known product, a sum of two or all
 *                     of the prices shown, a difference of two, a budget the shopper stated
 *                     (in any question of the case or the saved budget), or money a known
 *                     product's own text quotes;
 * - invented:currency an amount written in a currency other than the store's;
 * - invented:policy   a sentence of the demo knowledge base, or a demo document as a source.
 *
 * "Known products" are those shown in this turn and in earlier turns of the same case (a
 * follow-up may speak about them again). A rating or stock phrase quoted from a known
 * product's own name or text is the store's words, not a claim the answer invented.
 */
import type { Finding, TurnAnswer, TurnHistory } from './answer';
import { copiedSentence, demoDocuments, normalise } from './demo-text';
import { amountsIn, budgetRangeBounds, budgetsIn, sameMoney } from './money';
import type { Truth, TruthProduct } from './types';

const RATING_NUMBER =
  /\brated\s+(\d(?:\.\d+)?)|(\d(?:\.\d+)?)\s*(?:\/\s*5\b|out of 5\b|stars?\b|★)/gi;
/** "(363,713 ratings)", "12 reviews": how many ratings a product has, commas allowed. */
const RATING_COUNT = /\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:customer\s+)?(?:ratings?|reviews?)\b/gi;
const RATING_WORDS = /\bnot rated\b|\bunrated\b|\b(?:best|top|highest|well|highly)[- ]rated\b/gi;
const STOCK_CLAIM =
  /\bin[- ]stock\b|\bout of stock\b|\bsold out\b|\bunavailable\b|\bbackorder(?:ed)?\b|\bpre-?order\b|\b(\d+)\s+(?:left|available|in stock|units?)\b/gi;
/** A sentence that says the answer does not know is not a claim. */
const NOT_KNOWN =
  /\b(?:don't|do not|doesn't|does not|can't|cannot|couldn't|could not)\s+(?:have|know|tell|say|show|see|list|give|state|confirm)\b|\bno (?:stock|availability|inventory) (?:information|data|figures?)\b/i;

const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+|\n+/);

/** Characters of context on one side of a claim when looking for it in the store's text. */
const QUOTE_CONTEXT = 16;

/**
 * True when the claim at `m` is quoted from a known product's own name or text ("5 Star
 * Hotel Towels", "ships out of stock rooms"): the store said it, the answer did not invent it.
 * The claim with some context on its left or on its right must appear in that text.
 */
function quotesStore(text: string, m: RegExpMatchArray, storeTexts: readonly string[]): boolean {
  const at = m.index ?? 0;
  const end = at + m[0].length;
  const windows = [
    text.slice(Math.max(0, at - QUOTE_CONTEXT), end),
    text.slice(at, end + QUOTE_CONTEXT),
  ].map(normalise);
  return storeTexts.some((store) => windows.some((w) => w.length > 0 && store.includes(w)));
}

const storeTextsOf = (known: readonly TruthProduct[]): string[] =>
  known.map((p) => normalise(`${p.name} ${p.text}`));

function knownProducts(answer: TurnAnswer, truth: Truth, history: TurnHistory): TruthProduct[] {
  const shown = answer.products.flatMap((p) => truth.bySku.get(p.sku) ?? []);
  return [...shown, ...history.earlier];
}

function productFindings(answer: TurnAnswer, truth: Truth): Finding[] {
  const out: Finding[] = [];
  for (const p of answer.products) {
    const real = truth.bySku.get(p.sku);
    if (!real) out.push({ check: 'invented:product', detail: `sku "${p.sku}" (${p.name})` });
    else if (!sameMoney(real.price, p.price))
      out.push({
        check: 'invented:price',
        detail: `${p.name}: ${p.price}, file says ${real.price}`,
      });
  }
  return out;
}

function ratingFindings(text: string, truth: Truth, known: readonly TruthProduct[]): Finding[] {
  const out: Finding[] = [];
  const store = storeTextsOf(known);
  const claims = [...text.matchAll(RATING_NUMBER)].filter((m) => !quotesStore(text, m, store));
  if (!truth.has.rating) {
    const words = [...text.matchAll(RATING_WORDS)].filter((m) => !quotesStore(text, m, store));
    for (const m of [...claims, ...words])
      out.push({ check: 'invented:rating', detail: `"${m[0].trim()}"` });
    return out;
  }
  const ratings = known.flatMap((p) => (p.rating === undefined ? [] : [p.rating]));
  // "Not rated" is true of a product without a rating: wrong when every known product has one.
  const unrated = text.match(/\bnot rated\b|\bunrated\b/i);
  if (unrated && known.length > 0 && ratings.length === known.length)
    out.push({ check: 'invented:rating', detail: `"${unrated[0]}" for rated products` });
  for (const m of claims) {
    const value = Number(m[1] ?? m[2]);
    if (!ratings.some((r) => Math.abs(r - value) < 0.051))
      out.push({
        check: 'invented:rating',
        detail: `"${m[0].trim()}" is no shown product's rating`,
      });
  }
  return out;
}

/** A rating count must be the count the file gives for a known product. */
function ratingCountFindings(text: string, known: readonly TruthProduct[]): Finding[] {
  const store = storeTextsOf(known);
  const counts = known.flatMap((p) => (p.ratingCount === undefined ? [] : [p.ratingCount]));
  return [...text.matchAll(RATING_COUNT)]
    .filter((m) => !quotesStore(text, m, store))
    .filter((m) => !counts.includes(Number((m[1] ?? '').replace(/,/g, ''))))
    .map((m) => ({
      check: 'invented:rating',
      detail: `"${m[0]}" is no shown product's rating count`,
    }));
}

function stockClaimSupported(claim: RegExpExecArray, known: readonly TruthProduct[]): boolean {
  const stocks = known.flatMap((p) => (p.stock === undefined ? [] : [p.stock]));
  const phrase = claim[0].toLowerCase();
  if (claim[1] !== undefined) return stocks.includes(Number(claim[1]));
  if (/out of stock|sold out|unavailable|backorder|pre-?order/.test(phrase))
    return stocks.some((s) => s <= 0);
  return stocks.some((s) => s > 0);
}

function stockFindings(text: string, truth: Truth, known: readonly TruthProduct[]): Finding[] {
  const out: Finding[] = [];
  const store = storeTextsOf(known);
  for (const sentence of sentences(text)) {
    if (NOT_KNOWN.test(sentence)) continue;
    for (const m of sentence.matchAll(STOCK_CLAIM)) {
      if (quotesStore(sentence, m, store)) continue;
      if (truth.has.stock && stockClaimSupported(m, known)) continue;
      const why = truth.has.stock ? 'no shown product has that stock' : 'the file has no stock';
      out.push({ check: 'invented:stock', detail: `"${m[0]}" (${why})` });
    }
  }
  return out;
}

/** Every amount an answer may quote: prices, sums and differences of them, stated budgets. */
function allowedAmounts(
  answer: TurnAnswer,
  known: readonly TruthProduct[],
  history: TurnHistory,
): number[] {
  const prices = known.map((p) => p.price);
  const shown = answer.products.map((p) => p.price);
  const pairs = prices.flatMap((a, i) =>
    prices.slice(i + 1).flatMap((b) => [a + b, Math.abs(a - b)]),
  );
  const total = shown.reduce((sum, p) => sum + p, 0);
  // A product's own text may quote money ("save $20 on the set"): the store said it.
  const quoted = known.flatMap((p) => amountsIn(p.text).map((a) => a.amount));
  return [
    ...prices,
    ...pairs,
    ...quoted,
    total,
    ...history.questions.flatMap(budgetsIn),
    ...budgetRangeBounds(history.preferences.budget_range),
  ];
}

function moneyFindings(
  answer: TurnAnswer,
  truth: Truth,
  known: readonly TruthProduct[],
  history: TurnHistory,
): Finding[] {
  const out: Finding[] = [];
  const allowed = allowedAmounts(answer, known, history);
  for (const a of amountsIn(answer.answer)) {
    if (a.currency !== truth.currency)
      out.push({ check: 'invented:currency', detail: `"${a.raw}" in a ${truth.currency} store` });
    else if (!allowed.some((v) => sameMoney(v, a.amount)))
      out.push({
        check: 'invented:money',
        detail: `"${a.raw}" is no shown price or stated budget`,
      });
  }
  return out;
}

function policyFindings(answer: TurnAnswer): Finding[] {
  const demo = demoDocuments();
  const out: Finding[] = [];
  const copied = copiedSentence(answer.answer, demo.sentences);
  if (copied) out.push({ check: 'invented:policy', detail: `demo text: "${copied}"` });
  for (const s of answer.sources)
    if (demo.ids.has(s.id))
      out.push({ check: 'invented:policy', detail: `demo document "${s.id}" as a source` });
  return out;
}

/** Every invented fact in one answer (empty when the answer states only what the file gives). */
export function inventedFacts(answer: TurnAnswer, truth: Truth, history: TurnHistory): Finding[] {
  const known = knownProducts(answer, truth, history);
  return [
    ...productFindings(answer, truth),
    ...ratingFindings(answer.answer, truth, known),
    ...ratingCountFindings(answer.answer, known),
    ...stockFindings(answer.answer, truth, known),
    ...moneyFindings(answer, truth, known, history),
    ...policyFindings(answer),
  ];
}
