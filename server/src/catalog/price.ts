/**
 * Prices as stores write them: numbers, or strings with a currency symbol or ISO code on either
 * side ("₹1,099", "£2.30", "99p", "1.299,00 €", "12.99 USD", "599 CZK", "US$ 5"). The amount and,
 * when the text names one, the currency are read; nothing is guessed beyond the symbol.
 */

export interface Money {
  amount: number;
  /** ISO 4217 code when the value names a currency. */
  currency?: string;
  /** True when the currency came from an ISO code, not a symbol ("$" is USD only by habit). */
  explicit?: boolean;
}

/**
 * Symbols that name one currency. "$" alone is read as USD (the common case; CATALOG_CURRENCY
 * corrects it for other dollar stores); "kr", "¥" and "R" are left out: they name several.
 */
const SYMBOLS: readonly (readonly [string, string])[] = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['C$', 'CAD'],
  ['AU$', 'AUD'],
  ['A$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['S$', 'SGD'],
  ['MX$', 'MXN'],
  ['R$', 'BRL'],
  ['$', 'USD'],
  ['₹', 'INR'],
  ['Rs.', 'INR'],
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['₩', 'KRW'],
  ['₽', 'RUB'],
  ['₺', 'TRY'],
  ['₫', 'VND'],
  ['₱', 'PHP'],
  ['₦', 'NGN'],
  ['₪', 'ILS'],
  ['฿', 'THB'],
  ['₴', 'UAH'],
  ['zł', 'PLN'],
  ['Kč', 'CZK'],
  ['Ft', 'HUF'],
];

const ISO_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** A three-letter code standing alone ("12.99 USD", "EUR 5"): upper or lower case. */
const CODE = /(?:^|[^A-Za-z])([A-Za-z]{3})(?![A-Za-z])/;
/** Pence / cents written after the amount: "99p", "45¢" (a hundredth of the main unit). */
const MINOR_UNIT = /^\s*(\d+(?:[.,]\d+)?)\s*(p|¢)\s*$/i;
/** Two amounts ("10 - 20", "$5–$9"): a range is not one price. */
const RANGE = /\d\s*(?:-|–|—|to)\s*\D{0,4}\d/;

/** The ISO code a price text names, by code first, then by symbol. */
export function currencyOf(value: string): { currency: string; explicit: boolean } | undefined {
  const code = CODE.exec(value)?.[1]?.toUpperCase();
  if (code && ISO_CODES.has(code)) return { currency: code, explicit: true };
  for (const [symbol, currency] of SYMBOLS) {
    if (value.includes(symbol)) return { currency, explicit: false };
  }
  return undefined;
}

/** A valid ISO 4217 code ("usd" -> "USD"), or undefined. */
export function isoCurrency(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  return ISO_CODES.has(code) ? code : undefined;
}

/**
 * The amount in a price text, rounded to cents: "1,299.00", "1.299,00", "12,5", Indian grouping
 * "9,99,999", "99p" (0.99). Undefined for text without one number (or with a range).
 */
export function parseMoney(value: unknown): Money | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { amount: roundCents(value) } : undefined;
  }
  if (typeof value === 'object' && value !== null) {
    const nested = value as Record<string, unknown>;
    const money = parseMoney(nested.amount ?? nested.value);
    const currency = isoCurrency(nested.currency ?? nested.currencyCode ?? nested.currency_code);
    if (!money) return undefined;
    return currency ? { amount: money.amount, currency, explicit: true } : money;
  }
  if (typeof value !== 'string') return undefined;
  const minor = MINOR_UNIT.exec(value);
  if (minor?.[1]) {
    const amount = Number(minor[1].replace(',', '.')) / 100;
    // "99p" is British pence; "¢" names no currency.
    return minor[2]?.toLowerCase() === 'p'
      ? { amount: roundCents(amount), currency: 'GBP', explicit: false }
      : { amount: roundCents(amount) };
  }
  if (RANGE.test(value.replace(/^\s*-/, ''))) return undefined;
  const amount = readAmount(value);
  if (amount === undefined) return undefined;
  const found = currencyOf(value);
  return found ? { amount, ...found } : { amount };
}

/** The amount only (see parseMoney). */
export function parsePrice(value: unknown): number | undefined {
  return parseMoney(value)?.amount;
}

const INDIAN_GROUPING = /^\d{1,2}(,\d{2})*,\d{3}$/;
const THOUSANDS = /^\d{1,3}(,\d{3})+$/;

function readAmount(value: string): number | undefined {
  const negative = /^\s*-|^\s*\(.*\)\s*$/.test(value);
  // A separator after a letter or before no digit belongs to the words around the number
  // ("Rs. 1,099", "5.- CHF"), not to the number.
  let digits = value.replace(/(?<=\p{L})[.,]|[.,](?!\d)/gu, '').replace(/[^0-9.,]/g, '');
  if (!/\d/.test(digits)) return undefined;
  const lastComma = digits.lastIndexOf(',');
  const lastDot = digits.lastIndexOf('.');
  if (lastComma > lastDot) {
    // "1.299,00" or "12,5" use a decimal comma; "1,299" and "9,99,999" group thousands.
    const grouping = lastDot < 0 && (THOUSANDS.test(digits) || INDIAN_GROUPING.test(digits));
    digits = grouping ? digits.replace(/,/g, '') : digits.replace(/\./g, '').replace(',', '.');
  } else {
    digits = digits.replace(/,/g, '');
  }
  if (!/^\d*\.?\d+$/.test(digits)) return undefined;
  const parsed = Number(digits);
  if (!Number.isFinite(parsed)) return undefined;
  return roundCents(negative ? -parsed : parsed);
}

const roundCents = (n: number): number => Math.round(n * 100) / 100;

/** The most common currency among the products (first seen wins a tie), or undefined. */
export function dominantCurrency(
  currencies: Iterable<string | undefined>,
): { currency: string; share: number } | undefined {
  const counts = new Map<string, number>();
  let total = 0;
  for (const c of currencies) {
    total += 1;
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best ? { currency: best[0], share: best[1] / total } : undefined;
}
