import type { Product } from '@aisle/shared';

export type Availability = NonNullable<Product['availability']>;

/** Availability words as stores write them, compared without case, spaces or punctuation. */
const AVAILABILITY_WORDS: Readonly<Record<string, Availability>> = {
  instock: 'in_stock',
  available: 'in_stock',
  yes: 'in_stock',
  y: 'in_stock',
  true: 'in_stock',
  onhand: 'in_stock',
  limitedavailability: 'in_stock',
  lowstock: 'in_stock',
  outofstock: 'out_of_stock',
  soldout: 'out_of_stock',
  unavailable: 'out_of_stock',
  notavailable: 'out_of_stock',
  discontinued: 'out_of_stock',
  no: 'out_of_stock',
  n: 'out_of_stock',
  false: 'out_of_stock',
  preorder: 'preorder',
  backorder: 'backorder',
  backordered: 'backorder',
  availablefororder: 'backorder',
};

/**
 * Units on hand from a quantity: 12, "12", "1,200", "12 units" (negative counts as 0). Words
 * ("in stock", true) are availability, not a count: undefined here (see parseAvailability).
 */
export function parseStock(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? Math.max(0, Math.floor(value)) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(-?\d[\d,]*(?:\.\d+)?)\s*(?:units?|pcs|pieces|items?|in stock)?\s*$/i.exec(
    value,
  );
  if (!match?.[1]) return undefined;
  const n = Number(match[1].replace(/,/g, ''));
  return Number.isFinite(n) ? Math.max(0, Math.floor(n)) : undefined;
}

/**
 * What a store's availability value says: "in stock", "InStock", "out_of_stock", "sold out",
 * "preorder", true/false, 1/0 (a flag column such as `is_in_stock`). Undefined otherwise.
 */
export function parseAvailability(value: unknown): Availability | undefined {
  if (typeof value === 'boolean') return value ? 'in_stock' : 'out_of_stock';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return value > 0 ? 'in_stock' : 'out_of_stock';
  }
  if (typeof value !== 'string') return undefined;
  const word = value
    .toLowerCase()
    .replace(/^https?:\/\/schema\.org\//, '')
    .replace(/[^a-z0-9]/g, '');
  if (/^\d+$/.test(word)) return Number(word) > 0 ? 'in_stock' : 'out_of_stock';
  return AVAILABILITY_WORDS[word];
}

/**
 * Stock and availability that agree. A quantity column that holds words counts as an
 * availability; availability without a count is derived from the count when there is one.
 * "Out of stock" beside a positive count (Magento's is_in_stock=0) means none to sell: stock 0.
 * "In stock" beside 0 (a store selling past zero) keeps the word and drops the count.
 */
export function stockFacts(
  stockValue: unknown,
  availabilityValue: unknown,
): { stock?: number; availability?: Availability } {
  let stock = parseStock(stockValue);
  let availability = parseAvailability(availabilityValue);
  if (stock === undefined && availability === undefined && typeof stockValue !== 'number') {
    availability = parseAvailability(stockValue);
  }
  if (stock === undefined) return availability ? { availability } : {};
  if (availability === undefined) {
    availability = stock > 0 ? 'in_stock' : 'out_of_stock';
  } else if (availability === 'out_of_stock') {
    stock = 0;
  } else if (availability === 'in_stock' && stock === 0) {
    return { availability };
  }
  return { stock, availability };
}
