/**
 * Money amounts written in text ("$1,299.99", "₹1,099", "£2.30", "99p", "12.99 USD"), with the
 * currency each is written in, for the audit of invented prices and wrong currencies.
 */

export interface Amount {
  /** ISO 4217 code the writing implies. */
  currency: string;
  amount: number;
  /** As written, for the report. */
  raw: string;
}

const CODES = 'USD|GBP|EUR|INR|JPY|CAD|AUD|CZK|CHF|CNY';
/** Grouped by thousands ("1,299.99") or the Indian way ("1,09,999"), or plain. */
const NUMBER = String.raw`\d{1,3}(?:(?:,\d{3})+|(?:,\d{2})+,\d{3})(?:\.\d+)?|\d+(?:\.\d+)?`;
const PREFIX = String.raw`US\$|C\$|A\$|\$|£|€|₹|¥|\bRs\.?|\b(?:${CODES})\b`;
const SUFFIX = String.raw`€|\b(?:${CODES})\b|p\b`;
const MONEY = new RegExp(
  String.raw`(?:(${PREFIX})\s?(${NUMBER}))|(?:(?<![\w.,])(${NUMBER})\s?(${SUFFIX}))`,
  'g',
);

const SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  C$: 'CAD',
  A$: 'AUD',
  '£': 'GBP',
  '€': 'EUR',
  '₹': 'INR',
  '¥': 'JPY',
  Rs: 'INR',
  'Rs.': 'INR',
  p: 'GBP',
};

const toNumber = (text: string): number => Number(text.replace(/,/g, ''));

/** Every money amount in `text`, in order. */
export function amountsIn(text: string): Amount[] {
  const out: Amount[] = [];
  for (const m of text.matchAll(MONEY)) {
    const [raw, prefix, prefixed, suffixed, suffix] = m;
    const mark = prefix ?? suffix ?? '';
    const currency = SYMBOLS[mark] ?? mark.toUpperCase();
    const amount = toNumber(prefixed ?? suffixed ?? '');
    // Pence: "99p" is £0.99.
    out.push({ currency, amount: mark === 'p' ? amount / 100 : amount, raw: raw.trim() });
  }
  return out;
}

const K = /(\d+(?:\.\d+)?)\s?k\b/gi;
const BARE = new RegExp(`(?:${NUMBER})`, 'g');

/**
 * Every amount a shopper may have meant as a budget: written money, bare numbers ("under
 * 500"), thousands as "2k". Over-inclusive on purpose: it only widens what an answer may quote.
 */
export function budgetsIn(text: string): number[] {
  const values = amountsIn(text).map((a) => a.amount);
  for (const m of text.matchAll(K)) values.push(Number(m[1]) * 1000);
  for (const m of text.matchAll(BARE)) values.push(toNumber(m[0]));
  return values;
}

/** Budget bounds of a saved `budget_range` ("20-50"). */
export function budgetRangeBounds(range: string | undefined): number[] {
  if (range === undefined) return [];
  return range.split('-').map(Number).filter(Number.isFinite);
}

/** Two amounts are the same money when they agree to the cent. */
export const sameMoney = (a: number, b: number): boolean => Math.abs(a - b) < 0.005;
