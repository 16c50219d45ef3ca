import { CATEGORIES, type Product, type ProductQuery } from '@aisle/shared';

const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const CENTS = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Exact catalog price: `$999`, `$1,299.99`, `$49.50`. */
export function formatPrice(price: number): string {
  return `$${Number.isInteger(price) ? WHOLE.format(price) : CENTS.format(price)}`;
}

export const formatRating = (rating: number | undefined): string =>
  rating === undefined ? 'not rated' : `${Number(rating.toFixed(1))}/5`;

/** Empty when the store gave no stock figure: availability is never guessed. */
export function stockText(p: Product): string {
  if (p.stock === undefined) return '';
  if (p.stock <= 0) return 'out of stock';
  return p.stock <= 5 ? `in stock (only ${p.stock} left)` : `in stock (${p.stock} available)`;
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1) ?? ''}`;
}

/** The first sentence of the description, cut at a word near `max` characters. */
export function keyFact(p: Product, max = 120): string {
  const text = p.description.trim();
  if (text === '') return '';
  const first = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (first.length <= max) return /[.!?]$/.test(first) ? first : `${first}.`;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:]+$/, '')}…`;
}

const LABELS: Readonly<Record<string, readonly [singular: string, plural: string]>> = {
  smartphone: ['smartphone', 'smartphones'],
  laptop: ['laptop', 'laptops'],
  tablet: ['tablet', 'tablets'],
  headphones: ['pair of headphones', 'headphones'],
  smartwatch: ['smartwatch', 'smartwatches'],
  camera: ['camera', 'cameras'],
  tv: ['TV', 'TVs'],
  gaming: ['gaming product', 'gaming products'],
  'home-appliance': ['home appliance', 'home appliances'],
  accessory: ['accessory', 'accessories'],
  speaker: ['speaker', 'speakers'],
  monitor: ['monitor', 'monitors'],
};

/** How a category reads in a sentence: "smartphones", "TVs", a store's own "Garden Tools". */
export function categoryLabel(category: string, plural = true): string {
  const known = LABELS[category.toLowerCase()];
  if (known !== undefined) return plural ? known[1] : known[0];
  const lower = category.toLowerCase();
  if (!plural) return lower.replace(/s$/, '');
  return lower.endsWith('s') ? lower : `${lower}s`;
}

/** "under $300", "between $500 and $1,000", "from $1,000 up"; empty without a budget. */
export function budgetText(q: Pick<ProductQuery, 'minPrice' | 'maxPrice'>): string {
  const { minPrice: min, maxPrice: max } = q;
  if (min !== undefined && max !== undefined)
    return `between ${formatPrice(min)} and ${formatPrice(max)}`;
  if (max !== undefined) return `up to ${formatPrice(max)}`;
  if (min !== undefined) return `from ${formatPrice(min)} up`;
  return '';
}

/** One product on one line: name, brand, price (and `note` on it), rating, stock, one fact. */
export function productLine(p: Product, index?: number, note = ''): string {
  const lead = index === undefined ? '-' : `${index + 1}.`;
  const fact = keyFact(p);
  const facts = [
    `${formatPrice(p.price)}${note}`,
    p.rating === undefined ? '' : `rated ${formatRating(p.rating)}`,
    stockText(p),
  ].filter((f) => f !== '');
  const brand = p.brand === '' ? '' : ` (${p.brand})`;
  return `${lead} **${p.name}**${brand} — ${facts.join(', ')}.${fact === '' ? '' : ` ${fact}`}`;
}

/** The catalog's categories, the best known first (smartphones before accessories). */
export function featuredCategories(categories: readonly string[]): string[] {
  const rank = (c: string) => {
    const i = (CATEGORIES as readonly string[]).indexOf(c.toLowerCase());
    return i === -1 ? CATEGORIES.length : i;
  };
  return [...categories].sort((a, b) => rank(a) - rank(b));
}
