/** Price constraints read from a question, and the question with those phrases cut out. */
export interface Budget {
  minPrice?: number;
  maxPrice?: number;
  /** "any price", "money is no object": ignore the budget from the preferences too. */
  anyPrice: boolean;
  /** "cheap", "budget", "affordable": a wish for low prices, not a number. */
  cheap: boolean;
  /** The question with every budget phrase replaced by a space. */
  rest: string;
}

interface Amount {
  start: number;
  end: number;
  value: number;
  currency: boolean;
}

// "$1,299.99", "£5", "₹1,00,000", "Rs. 500", "1.5k", "800 dollars", "500 rupees", "2 grand", "99p".
// Whatever the store's currency, the amount is in it: the symbol only says it is a price.
// Not glued to a word (SKUs like IPH15PRO-256).
const AMOUNT =
  /(?<![\p{L}\p{N}.,]|\p{L}-)(\p{Sc}|(?:usd|gbp|eur|inr|rs\.?|a\$|c\$)\s?)?\s?(\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.(\d{1,2}))?(?:\s?(k|grand|thousand|lakhs?|lacs?)\b)?(?:\s?(dollars?|usd|bucks|euros?|eur|pounds|quid|gbp|rupees?|rs|inr|yen|pence|p(?=\s|$|[?!.,])))?/giu;

const SCALE: Readonly<Record<string, number>> = {
  k: 1000,
  grand: 1000,
  thousand: 1000,
  lakh: 100_000,
  lakhs: 100_000,
  lac: 100_000,
  lacs: 100_000,
};

// Numbers that measure something else: "15 inch", "256GB", "4k tv", "65%".
const UNIT_AFTER =
  /^\s?(?:inch(?:es)?|in\b|["”]|'|gb|tb|mb|mah|hz|mp|megapixels?|w\b|watts?|hours?|hrs?\b|h\b|mm|cm|kg|g\b|lbs?|oz|%|p\b|fps|ms\b|years?|months?|days?|weeks?|people|persons?|x\b|pack|pcs|pieces|gen|th\b|nd\b|rd\b|st\b)/i;
const RESOLUTION_AFTER =
  /^\s*(?:tv|television|monitor|display|screen|video|resolution|hdr|oled|camera)\b/i;

const MAX_BEFORE =
  /(?:under|below|beneath|less\s+than|lower\s+than|cheaper\s+than|no\s+more\s+than|not\s+more\s+than|not\s+over|max(?:imum)?|up\s+to|upto|at\s+most|within|<=?|budget(?:\s+(?:of|is|at|around))?|spend(?:ing)?(?:\s+(?:up\s+to|about|around))?|can\s+afford|afford)\s*:?\s*$/i;
const MIN_BEFORE =
  /(?:over|above|more\s+than|at\s+least|min(?:imum)?|starting\s+(?:at|from)|from|greater\s+than|higher\s+than|north\s+of|>=?)\s*:?\s*$/i;
const AROUND_BEFORE =
  /(?:around|about|approximately|approx\.?|roughly|near|close\s+to|~|somewhere\s+around|in\s+the\s+region\s+of|ballpark(?:\s+of)?)\s*$/i;
const FOR_BEFORE = /\bfor\s*$/i;
const MAX_AFTER =
  /^\s*(?:or\s+(?:less|under|below|cheaper)|and\s+(?:under|below|less)|max(?:imum)?\b|tops\b|at\s+(?:the\s+)?most\b)/i;
const MIN_AFTER =
  /^\s*(?:\+|or\s+(?:more|above|over|higher)|and\s+(?:up|above|over|higher)\b|plus\b|minimum\b)/i;
const RANGE_JOIN = /^\s*(?:-|–|—|to|and)\s*$/i;
const RANGE_BEFORE =
  /(?:between|from|range(?:\s+of)?|budget(?:\s+(?:of|is))?|price\s+range(?:\s+of)?)\s*:?\s*$/i;

const ANY_PRICE =
  /\b(?:any\s+price|any\s+budget|no\s+budget|price\s+(?:doesn'?t|does\s+not|is\s+no|isn'?t\s+an?)\s+(?:matter|object|issue|problem)|regardless\s+of\s+(?:the\s+)?(?:price|cost)|money\s+is\s+no\s+object|no\s+price\s+limit|whatever\s+it\s+costs?|(?:don'?t|do\s+not)\s+care\s+about\s+(?:the\s+)?(?:price|cost)|forget\s+(?:about\s+)?(?:my|the)\s+budget|ignore\s+(?:my|the)\s+budget)\b/gi;
const CHEAP =
  /\b(?:cheap|cheaply|budget|affordable|inexpensive|low[\s-]cost|low[\s-]priced|entry[\s-]level|economical|bargain|value\s+for\s+money)\b/gi;

function readAmounts(text: string): Amount[] {
  const amounts: Amount[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const [whole, symbol, digits = '', cents, scale, word] = m;
    const after = text.slice(m.index + whole.length);
    if (scale === undefined && word === undefined && UNIT_AFTER.test(after)) continue;
    if (scale?.toLowerCase() === 'k' && RESOLUTION_AFTER.test(after)) continue;
    let value = Number(digits.replace(/,/g, '')) + (cents === undefined ? 0 : Number(`0.${cents}`));
    if (scale !== undefined) value *= SCALE[scale.toLowerCase()] ?? 1;
    // "99p": pence (a 1080p screen is not a price).
    const pence = word !== undefined && /^(?:p|pence)$/i.test(word);
    if (pence) {
      if (value >= 100 || symbol !== undefined) continue;
      value /= 100;
    }
    // Leading space matched by `\s?` belongs to the text, not the amount.
    const lead = whole.length - whole.trimStart().length;
    amounts.push({
      start: m.index + lead,
      end: m.index + whole.trimEnd().length,
      value,
      currency: symbol !== undefined || word !== undefined,
    });
  }
  return amounts;
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** "Around $50" is read as ±15%. */
const AROUND = 0.15;

/**
 * The price a range was read around ("a $50 gift card" -> 50), when it is exactly such a
 * reading: an answer then says "around $50", the shopper's own figure, not the bounds.
 */
export function aroundPrice(min: number | undefined, max: number | undefined): number | undefined {
  if (min === undefined || max === undefined) return undefined;
  const center = round((min + max) / 2);
  const fits = round(center * (1 - AROUND)) === min && round(center * (1 + AROUND)) === max;
  return fits && center > 0 ? center : undefined;
}

/**
 * Reads price constraints: "under $300", "less than 1k", "max 1,200", "between 500 and 1000",
 * "$500-$1000", "from 200 to 400", "over 1000", "at least 500", "1200 or less", "500+",
 * "around 800" (±15%), a bare "$500" (around). Numbers that measure something else are left.
 */
export function parseBudget(question: string): Budget {
  const cut: Array<[number, number]> = [];
  let minPrice: number | undefined;
  let maxPrice: number | undefined;
  const amounts = readAmounts(question);

  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i];
    if (a === undefined) continue;
    const prevEnd = amounts[i - 1]?.end ?? 0;
    const before = question.slice(prevEnd, a.start);
    const next = amounts[i + 1];

    if (next !== undefined && RANGE_JOIN.test(question.slice(a.end, next.start))) {
      const joiner = question.slice(a.end, next.start).trim().toLowerCase();
      const keyword = RANGE_BEFORE.exec(before);
      const plausible = a.currency || next.currency || (a.value >= 20 && next.value > a.value);
      if (
        (joiner === 'and' ? keyword !== null : keyword !== null || plausible) &&
        next.value >= a.value
      ) {
        minPrice = a.value;
        maxPrice = next.value;
        cut.push([keyword === null ? a.start : prevEnd + keyword.index, next.end]);
        i += 1;
        continue;
      }
    }

    const after = question.slice(a.end, amounts[i + 1]?.start ?? question.length);
    const maxBefore = MAX_BEFORE.exec(before);
    const minBefore = MIN_BEFORE.exec(before);
    const aroundBefore = AROUND_BEFORE.exec(before);
    const maxAfter = MAX_AFTER.exec(after);
    const minAfter = MIN_AFTER.exec(after);
    const forBefore = a.currency ? FOR_BEFORE.exec(before) : null;

    if (maxBefore !== null || forBefore !== null) {
      maxPrice = a.value;
      const k = maxBefore ?? forBefore;
      cut.push([prevEnd + (k?.index ?? 0), a.end]);
    } else if (minBefore !== null) {
      minPrice = a.value;
      cut.push([prevEnd + minBefore.index, a.end]);
    } else if (aroundBefore !== null) {
      minPrice = round(a.value * (1 - AROUND));
      maxPrice = round(a.value * (1 + AROUND));
      cut.push([prevEnd + aroundBefore.index, a.end]);
    } else if (maxAfter !== null) {
      maxPrice = a.value;
      cut.push([a.start, a.end + maxAfter[0].length]);
    } else if (minAfter !== null) {
      minPrice = a.value;
      cut.push([a.start, a.end + minAfter[0].length]);
    } else if (a.currency) {
      minPrice = round(a.value * (1 - AROUND));
      maxPrice = round(a.value * (1 + AROUND));
      cut.push([a.start, a.end]);
    }
  }

  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) {
    [minPrice, maxPrice] = [maxPrice, minPrice];
  }

  let rest = question;
  for (const [start, end] of [...cut].sort((x, y) => y[0] - x[0])) {
    rest = `${rest.slice(0, start)} ${rest.slice(end)}`;
  }
  const anyPrice = new RegExp(ANY_PRICE.source, 'i').test(rest);
  rest = rest.replace(ANY_PRICE, ' ');
  const cheap = new RegExp(CHEAP.source, 'i').test(rest);
  rest = rest.replace(CHEAP, ' ');

  const budget: Budget = { anyPrice, cheap, rest };
  if (minPrice !== undefined) budget.minPrice = minPrice;
  if (maxPrice !== undefined) budget.maxPrice = maxPrice;
  return budget;
}

/** Reads a preference like "500-1000". */
export function parseBudgetRange(
  range: string | undefined,
): { min: number; max: number } | undefined {
  const m = range === undefined ? null : /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(range.trim());
  if (m === null) return undefined;
  const min = Number(m[1]);
  const max = Number(m[2]);
  return min <= max ? { min, max } : undefined;
}
