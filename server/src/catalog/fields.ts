import { type Product, ProductSchema, SkuSchema } from '@aisle/shared';
import { normalizeCategory } from './category';

/** One record of a store's file before mapping: whatever keys the store used. */
export type RawRecord = Readonly<Record<string, unknown>>;

export type MappedRecord = { ok: true; product: Product } | { ok: false; reason: string };

/**
 * Accepted column names per field, in order of preference. Keys are compared after
 * lowercasing and dropping everything but letters and digits, so "Product Name",
 * "product_name" and "productName" are the same column.
 */
export const FIELD_ALIASES = {
  sku: ['sku', 'id', 'product_id', 'item_id', 'productid', 'itemid'],
  name: ['name', 'title', 'product_name', 'product_title'],
  price: ['price', 'price_usd', 'cost', 'amount', 'sale_price'],
  category: ['category', 'type', 'product_type', 'category_name'],
  brand: ['brand', 'manufacturer', 'make', 'vendor', 'brand_name'],
  description: ['description', 'desc', 'details', 'summary'],
  rating: ['rating', 'stars', 'score', 'average_rating'],
  stock: ['stock', 'inventory', 'quantity', 'qty', 'in_stock', 'stock_quantity', 'availability'],
  tags: ['tags', 'keywords', 'labels'],
} as const satisfies Record<
  'sku' | 'name' | 'price' | 'category' | 'brand' | 'description' | 'rating' | 'stock' | 'tags',
  readonly string[]
>;

/**
 * Defaults for fields a product cannot do without. Rating and stock have none: when the store
 * gives neither they stay absent, and answers say nothing about them (`catalog:check` counts).
 */
export const FIELD_DEFAULTS = {
  brand: '',
  description: '',
  category: 'other',
} as const;

const normKey = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function pick(record: ReadonlyMap<string, unknown>, aliases: readonly string[]): unknown {
  for (const alias of aliases) {
    const value = record.get(normKey(alias));
    if (!isBlank(value)) return value;
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * "$1,299.00", "1299", "1.299,00 €", "USD 49.5" -> number (rounded to cents).
 * Returns undefined when no number can be read.
 */
export function parsePrice(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? roundCents(value) : undefined;
  if (typeof value === 'object' && value !== null) {
    const nested = value as Record<string, unknown>;
    return parsePrice(nested.amount ?? nested.value);
  }
  if (typeof value !== 'string') return undefined;
  const negative = /^\s*-|^\s*\(.*\)\s*$/.test(value);
  let digits = value.replace(/[^0-9.,]/g, '');
  if (!/\d/.test(digits)) return undefined;
  const lastComma = digits.lastIndexOf(',');
  const lastDot = digits.lastIndexOf('.');
  if (lastComma > lastDot) {
    // "1.299,00" or "12,5" use a decimal comma; "1,299" is a thousands separator.
    const decimalComma = lastDot >= 0 || !/^\d{1,3}(,\d{3})+$/.test(digits);
    digits = decimalComma ? digits.replace(/\./g, '').replace(',', '.') : digits.replace(/,/g, '');
  } else {
    digits = digits.replace(/,/g, '');
  }
  if (!/^\d*\.?\d+$|^\d+\.$/.test(digits)) return undefined;
  const parsed = Number(digits);
  if (!Number.isFinite(parsed)) return undefined;
  return roundCents(negative ? -parsed : parsed);
}

const roundCents = (n: number): number => Math.round(n * 100) / 100;

/** 4.5, "4.5", "4.5 stars", "4.5/5", "9/10" -> 0..5; anything else (or out of range) -> undefined. */
export function parseRating(value: unknown): number | undefined {
  let rating: number | undefined;
  if (typeof value === 'number') rating = value;
  else if (typeof value === 'string') {
    const match = /^\s*(\d+(?:[.,]\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?))?/.exec(value);
    if (match?.[1]) {
      const raw = Number(match[1].replace(',', '.'));
      const scale = match[2] ? Number(match[2]) : 5;
      rating = scale > 0 ? (raw / scale) * 5 : undefined;
    }
  }
  if (rating === undefined || !Number.isFinite(rating) || rating < 0 || rating > 5)
    return undefined;
  return Math.round(rating * 100) / 100;
}

const IN_STOCK_WORDS = new Set(['true', 'yes', 'y', 'instock', 'available', 'onhand']);
const OUT_OF_STOCK_WORDS = new Set(['false', 'no', 'n', 'outofstock', 'soldout', 'unavailable']);

/** 12, "12", "12 units", true/"yes"/"in stock" -> 1, false/"no"/"sold out" -> 0. */
export function parseStock(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? Math.max(0, Math.floor(value)) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const word = value.toLowerCase().replace(/[^a-z]/g, '');
  if (!/\d/.test(value)) {
    if (IN_STOCK_WORDS.has(word)) return 1;
    if (OUT_OF_STOCK_WORDS.has(word)) return 0;
    return undefined;
  }
  const match = /-?\d[\d,]*/.exec(value);
  if (!match) return undefined;
  const n = Number(match[0].replace(/,/g, ''));
  return Number.isFinite(n) ? Math.max(0, Math.floor(n)) : undefined;
}

/** ["a", "b"] or "a, b; c | d" -> lowercased, trimmed, de-duplicated labels. */
export function parseTags(value: unknown): string[] {
  const parts: unknown[] = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(/[,;|]/)
      : [];
  const tags = new Set<string>();
  for (const part of parts) {
    const tag = text(part)?.toLowerCase();
    if (tag) tags.add(tag);
  }
  return [...tags];
}

/** Maps one record of a store's file onto a Product, or says which field made it unusable. */
export function mapRecord(raw: RawRecord): MappedRecord {
  const record = new Map<string, unknown>();
  for (const [key, value] of Object.entries(raw)) {
    const k = normKey(key);
    if (!record.has(k) || isBlank(record.get(k))) record.set(k, value);
  }

  const skuRaw = text(pick(record, FIELD_ALIASES.sku));
  if (!skuRaw) return { ok: false, reason: 'missing sku' };
  const sku = SkuSchema.safeParse(skuRaw);
  if (!sku.success) return { ok: false, reason: `invalid sku: ${firstIssue(sku.error)}` };

  const name = text(pick(record, FIELD_ALIASES.name));
  if (!name) return { ok: false, reason: 'missing name' };

  const priceRaw = pick(record, FIELD_ALIASES.price);
  if (priceRaw === undefined) return { ok: false, reason: 'missing price' };
  const price = parsePrice(priceRaw);
  if (price === undefined) return { ok: false, reason: `invalid price ${show(priceRaw)}` };
  if (price < 0) return { ok: false, reason: `invalid price ${show(priceRaw)} (negative)` };

  const category = text(pick(record, FIELD_ALIASES.category));
  const rating = parseRating(pick(record, FIELD_ALIASES.rating));
  const stock = parseStock(pick(record, FIELD_ALIASES.stock));
  const candidate = {
    sku: sku.data,
    name,
    brand: text(pick(record, FIELD_ALIASES.brand)) ?? FIELD_DEFAULTS.brand,
    category: category ? normalizeCategory(category) : FIELD_DEFAULTS.category,
    price,
    description: text(pick(record, FIELD_ALIASES.description)) ?? FIELD_DEFAULTS.description,
    ...(rating === undefined ? {} : { rating }),
    ...(stock === undefined ? {} : { stock }),
    tags: parseTags(pick(record, FIELD_ALIASES.tags)),
  };
  const parsed = ProductSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: firstIssue(parsed.error) };
  return { ok: true, product: parsed.data };
}

function firstIssue(error: { issues: readonly { path: PropertyKey[]; message: string }[] }) {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** A value for an error message: strings quoted, anything else as JSON, cut at 40 chars. */
function show(value: unknown): string {
  const s = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
