/**
 * Prices in the store's own currency (ISO 4217), written the way shoppers read them:
 * `₹1,099`, `£2.30`, `€12.99`, `$5`. Whole amounts drop the `.00`; other amounts keep exactly
 * two decimals, so a price is never rounded into a different one.
 */
const formatters = new Map<string, { whole: Intl.NumberFormat; cents: Intl.NumberFormat }>();

function formattersOf(currency: string) {
  let pair = formatters.get(currency);
  if (pair === undefined) {
    const base = { style: 'currency', currency } as const;
    pair = {
      whole: new Intl.NumberFormat('en-US', {
        ...base,
        minimumFractionDigits: 0,
        maximumFractionDigits: 0,
      }),
      cents: new Intl.NumberFormat('en-US', {
        ...base,
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }),
    };
    formatters.set(currency, pair);
  }
  return pair;
}

const PLAIN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Exact catalog price in `currency` (USD when the store states none). */
export function formatPrice(price: number, currency = 'USD'): string {
  try {
    const { whole, cents } = formattersOf(currency.toUpperCase());
    const text = Number.isInteger(price) ? whole.format(price) : cents.format(price);
    // "CZK 599" comes with a no-break space; answers are plain text with plain spaces.
    return text.replace(/[\u00a0\u202f]/g, ' ');
  } catch {
    // A code Intl does not know (the importer only keeps /^[A-Z]{3}$/): the code, then the amount.
    return `${currency} ${PLAIN.format(price)}`;
  }
}
