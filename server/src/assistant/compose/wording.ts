import type { Product, ProductQuery } from '@aisle/shared';
import { aroundPrice } from '../understand/budget';
import { formatPrice } from './money';
import { plainText, shortName } from './plain-text';

export { formatPrice } from './money';
export { plainText, shortName } from './plain-text';

const COUNT = new Intl.NumberFormat('en-US');

/** A product's price in its own currency when the store stated one per item, else the catalog's. */
export const priceOf = (p: Pick<Product, 'price' | 'currency'>, currency: string): string =>
  formatPrice(p.price, p.currency ?? currency);

/** "4.3/5"; only ever called with a rating the store gave. */
export const formatRating = (rating: number): string => `${Number(rating.toFixed(1))}/5`;

/** "rated 4.3/5 (1,204 ratings)"; empty when the store gave no rating. */
export function ratingText(p: Pick<Product, 'rating' | 'rating_count'>): string {
  if (p.rating === undefined) return '';
  const count =
    p.rating_count === undefined
      ? ''
      : ` (${COUNT.format(p.rating_count)} rating${p.rating_count === 1 ? '' : 's'})`;
  return `rated ${formatRating(p.rating)}${count}`;
}

const AVAILABILITY: Readonly<Record<NonNullable<Product['availability']>, string>> = {
  in_stock: 'in stock',
  out_of_stock: 'out of stock',
  preorder: 'available to preorder',
  backorder: 'on backorder',
};

/**
 * What the store said about stock: a count, or its availability words. Empty when it said
 * nothing: availability is never guessed.
 */
export function stockText(p: Pick<Product, 'stock' | 'availability'>): string {
  if (p.stock === undefined)
    return p.availability === undefined ? '' : AVAILABILITY[p.availability];
  if (p.stock <= 0)
    return p.availability === undefined ? 'out of stock' : AVAILABILITY[p.availability];
  return p.stock <= 5 ? `in stock (only ${p.stock} left)` : `in stock (${p.stock} available)`;
}

/** True / false when the store said whether it can be bought now; undefined when it did not. */
export function isAvailable(p: Pick<Product, 'stock' | 'availability'>): boolean | undefined {
  if (p.stock !== undefined) return p.stock > 0;
  if (p.availability === undefined) return undefined;
  return p.availability === 'in_stock';
}

/**
 * Brands compared as one: case, marks and punctuation folded ("Apple®" = "apple" = "APPLE",
 * "boAt&#174;" = "Boat"), so an Apple® product is never "not Apple".
 */
export const brandKey = (brand: string): string =>
  plainText(brand)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

export const sameBrand = (a: string, b: string): boolean => {
  const key = brandKey(a);
  return key !== '' && key === brandKey(b);
};

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1) ?? ''}`;
}

/** The product's name as an answer writes it: plain, and cut when long. */
export const nameOf = (p: Pick<Product, 'name'>): string => shortName(p.name);

/** " (Samsung)" or nothing when the store gave no brand. */
export const brandNote = (p: Pick<Product, 'brand'>): string => {
  const brand = plainText(p.brand);
  return brand === '' ? '' : ` (${brand})`;
};

/** The first sentence of the description, cut at a word near `max` characters. */
export function keyFact(p: Pick<Product, 'description'>, max = 120): string {
  const text = plainText(p.description);
  if (text === '') return '';
  const first = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (first.length <= max) return /[.!?]$/.test(first) ? first : `${first}.`;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:]+$/, '')}…`;
}

/**
 * The description as a short plain paragraph: whole sentences up to about `max` characters
 * (a store's HTML body can run to pages), the first one cut at a word if it alone is longer.
 */
export function descriptionText(p: Pick<Product, 'description'>, max = 400): string {
  const text = plainText(p.description);
  if (text.length <= max) return text;
  const sentences = text.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [text];
  let out = '';
  for (const sentence of sentences) {
    const next = `${out} ${sentence.trim()}`.trim();
    if (next.length > max) break;
    out = next;
  }
  return out !== '' ? out : keyFact(p, max);
}

/**
 * Plural and singular of common shopping words, for categories written as lowercase slugs
 * (the demo catalog's "smartphone", a shopper's "tv"): a general lexicon, not a store's list.
 */
const LABELS: Readonly<Record<string, readonly [singular: string, plural: string]>> = {
  smartphone: ['smartphone', 'smartphones'],
  phone: ['phone', 'phones'],
  laptop: ['laptop', 'laptops'],
  tablet: ['tablet', 'tablets'],
  headphones: ['pair of headphones', 'headphones'],
  earbuds: ['pair of earbuds', 'earbuds'],
  smartwatch: ['smartwatch', 'smartwatches'],
  watch: ['watch', 'watches'],
  camera: ['camera', 'cameras'],
  tv: ['TV', 'TVs'],
  gaming: ['gaming product', 'gaming products'],
  'home-appliance': ['home appliance', 'home appliances'],
  accessory: ['accessory', 'accessories'],
  speaker: ['speaker', 'speakers'],
  monitor: ['monitor', 'monitors'],
  printer: ['printer', 'printers'],
  router: ['router', 'routers'],
  keyboard: ['keyboard', 'keyboards'],
  mouse: ['mouse', 'mice'],
  bag: ['bag', 'bags'],
  backpack: ['backpack', 'backpacks'],
  shoe: ['pair of shoes', 'shoes'],
};

/** A shopper's own lowercase word for a kind of product ("usb cable", "rings"), not a store name. */
const SHOPPER_WORD = /^[a-z0-9][a-z0-9 '-]*$/;

/**
 * How a category reads in a sentence. A lowercase slug of the lexicon reads as a noun
 * ("smartphones", "TVs"); a store's own name is shown exactly as the store wrote it, never
 * pluralised by rule ("products in Flat-Panel TVs", not "flat-panel tvss"); a shopper's
 * lowercase word is named, not inflected ("usb cable products", "rings").
 */
export function categoryLabel(category: string, plural = true): string {
  const known = LABELS[category];
  if (known !== undefined) return plural ? known[1] : known[0];
  const name = plainText(category);
  if (SHOPPER_WORD.test(name)) {
    const words = name.replace(/-/g, ' ');
    if (/s$/.test(words)) return plural ? words : `product in ${words}`;
    return `${words} ${plural ? 'products' : 'product'}`;
  }
  return `${plural ? 'products' : 'product'} in ${name}`;
}

/** How a category is named in a list of categories: a lexicon noun, else as the store wrote it. */
export function categoryName(category: string): string {
  return LABELS[category]?.[1] ?? plainText(category);
}

/** "under ₹1,000", "between £5 and £10", "from $1,000 up"; empty without a budget. */
export function budgetText(
  q: Pick<ProductQuery, 'minPrice' | 'maxPrice'>,
  currency = 'USD',
): string {
  const { minPrice: min, maxPrice: max } = q;
  const money = (n: number) => formatPrice(n, currency);
  const around = aroundPrice(min, max);
  if (around !== undefined) return `around ${money(around)}`;
  if (min !== undefined && max !== undefined) return `between ${money(min)} and ${money(max)}`;
  if (max !== undefined) return `up to ${money(max)}`;
  if (min !== undefined) return `from ${money(min)} up`;
  return '';
}

/** The facts of a product the store gave, price first: "₹1,099, rated 4.2/5 (310 ratings)". */
export function productFacts(p: Product, currency: string, priceNote = ''): string {
  return [`${priceOf(p, currency)}${priceNote}`, ratingText(p), stockText(p)]
    .filter((f) => f !== '')
    .join(', ');
}

/** One product on one line: name, brand, price (and `note` on it), rating, stock, one fact. */
export function productLine(p: Product, currency: string, index?: number, note = ''): string {
  const lead = index === undefined ? '-' : `${index + 1}.`;
  const fact = keyFact(p);
  return `${lead} **${nameOf(p)}**${brandNote(p)} — ${productFacts(p, currency, note)}.${fact === '' ? '' : ` ${fact}`}`;
}

/**
 * Tags worth showing a shopper: plain words. Store tags are often filter keys
 * ("color_multicolor", "price_$100 - $150", "summer2021"): those are left out, a price range
 * above all, which would read as a price.
 */
export function highlightsOf(p: Pick<Product, 'tags'>, max = 6): string[] {
  const words = p.tags.map(plainText).filter((t) => t !== '' && !/[_$£€₹¥]|\p{Sc}|\d{4}/u.test(t));
  return [...new Set(words)].slice(0, max);
}

/** A facet name as a label: "features_bags" -> "Features bags", "Colour" as written. */
export function attributeLabel(name: string): string {
  const words = plainText(name).replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// A facet about money ("special_price: 32") would state a second, unformatted price.
const MONEY_FACET = /price|cost|msrp|discount|sale/i;

/** The facets worth stating: named, with a value, and not a price of their own. */
export function facetsOf(p: Pick<Product, 'attributes'>): [label: string, value: string][] {
  return Object.entries(p.attributes ?? {}).flatMap(([name, value]): [string, string][] => {
    const label = attributeLabel(name);
    const text = plainText(value);
    return label === '' || text === '' || MONEY_FACET.test(name) ? [] : [[label, text]];
  });
}

/** "Colour: Black; Capacity: 32GB": the facets the store gave, at most `max`. */
export function attributesText(p: Pick<Product, 'attributes'>, max = 4): string {
  return facetsOf(p)
    .slice(0, max)
    .map(([label, value]) => `${label}: ${value}`)
    .join('; ');
}
