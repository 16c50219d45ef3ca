import { type Product, ProductSchema, SkuSchema } from '@aisle/shared';
import { parseCategoryPath, plainLabel } from './category-path';
import { hasMarkup, htmlToText } from './formats/html-text';
import { isoCurrency, type Money, parseMoney } from './price';
import { stockFacts } from './stock';

export { parsePrice } from './price';
export { parseAvailability, parseStock } from './stock';

/** One record of a store's file before mapping: whatever keys the store used. */
export type RawRecord = Readonly<Record<string, unknown>>;

/**
 * A record keyed by normalised column name (see normKey), each with the column as written.
 * Built once per record; every field reader looks values up here.
 */
export type SourceRecord = ReadonlyMap<string, { column: string; value: unknown }>;

export type MappedRecord =
  | {
      ok: true;
      product: Product;
      /** The currency came from a symbol ("$"), not a code: CATALOG_CURRENCY may correct it. */
      currencyFromSymbol?: boolean;
    }
  | { ok: false; reason: string };

/** The product fields a store's column can fill (CATALOG_MAPPING names these). */
export const PRODUCT_FIELDS = [
  'sku',
  'name',
  'price',
  'regular_price',
  'currency',
  'category',
  'brand',
  'description',
  'rating',
  'rating_count',
  'stock',
  'availability',
  'tags',
  'attributes',
  'url',
  'image',
] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

/**
 * Accepted column names per field, in order of preference. Keys are compared after
 * lowercasing and dropping everything but letters and digits, so "Product Name",
 * "product_name" and "productName" are the same column. `price` tries sale prices first (a
 * sale price wins), then `regular_price`'s list prices. `category` tries path columns first.
 */
export const FIELD_ALIASES = {
  sku: ['sku', 'id', 'product_id', 'objectID', 'item_id', 'variant_sku', 'asin', 'article_number'],
  name: ['name', 'title', 'product_name', 'product_title', 'item_name'],
  price: [
    'sale_price',
    'discounted_price',
    'offer_price',
    'price',
    'current_price',
    'final_price',
    'selling_price',
    'price_usd',
    'cost',
    'amount',
  ],
  regular_price: [
    'regular_price',
    'actual_price',
    'list_price',
    'original_price',
    'compare_at_price',
    'msrp',
    'mrp',
  ],
  currency: ['currency', 'currency_code', 'price_currency'],
  category: [
    'category_path',
    'breadcrumbs',
    'breadcrumb',
    'hierarchical_categories',
    'categories',
    'category',
    'product_category',
    'category_name',
    'product_type',
    'type',
    'department',
  ],
  brand: ['brand', 'brand_name', 'manufacturer', 'vendor', 'make', 'maker'],
  description: [
    'description',
    'long_description',
    'product_description',
    'body_html',
    'body',
    'about_product',
    'details',
    'short_description',
    'summary',
    'desc',
  ],
  rating: [
    'rating',
    'average_rating',
    'avg_rating',
    'customer_review_average',
    'review_average',
    'rating_value',
    'stars',
    'score',
  ],
  rating_count: [
    'rating_count',
    'ratings_count',
    'review_count',
    'reviews_count',
    'num_reviews',
    'number_of_reviews',
    'customer_review_count',
    'num_ratings',
    'reviews',
    'ratings',
  ],
  stock: [
    'stock',
    'stock_quantity',
    'quantity',
    'qty',
    'inventory',
    'inventory_quantity',
    'stock_level',
    'quantity_available',
    'available_quantity',
  ],
  availability: [
    'availability',
    'in_stock',
    'is_in_stock',
    'instock',
    'stock_status',
    'inventory_status',
    'available',
  ],
  tags: ['tags', 'keywords', 'labels'],
  attributes: ['attributes', 'specifications', 'specs', 'properties', 'facets'],
  url: ['url', 'link', 'product_url', 'product_link', 'permalink', 'page_url'],
  image: [
    'image',
    'image_url',
    'image_link',
    'img_link',
    'image_src',
    'images',
    'thumbnail',
    'thumbnail_url',
    'picture',
    'main_image',
  ],
} as const satisfies Record<ProductField, readonly string[]>;

/** Columns whose `/` separates levels (elsewhere one `/` is part of a name). */
const PATH_COLUMNS = new Set(
  ['category_path', 'breadcrumbs', 'breadcrumb', 'hierarchical_categories', 'categories'].map((c) =>
    normKey(c),
  ),
);

/**
 * Facet columns kept as attributes when a file has them (a general shopping lexicon, named as
 * the store's column is): size, colour, capacity, material, weight...
 */
const FACET_COLUMNS = new Set(
  [
    'color',
    'colour',
    'size',
    'material',
    'fabric',
    'weight',
    'net_weight',
    'capacity',
    'volume',
    'dimensions',
    'length',
    'width',
    'height',
    'depth',
    'gender',
    'age_group',
    'pattern',
    'style',
    'fit',
    'finish',
    'flavour',
    'flavor',
    'scent',
    'model',
    'model_number',
    'mpn',
    'gtin',
    'ean',
    'upc',
    'isbn',
    'condition',
    'storage',
    'memory',
    'ram',
    'screen_size',
    'resolution',
    'connectivity',
    'wattage',
    'voltage',
    'pack_size',
    'shelf_life',
    'country_of_origin',
    'origin',
    'season',
  ].map((c) => normKey(c)),
);

/**
 * Defaults for fields a product cannot do without. Rating, stock and the rest have none: when
 * the store gives none they stay absent, and answers say nothing about them.
 */
export const FIELD_DEFAULTS = {
  brand: '',
  description: '',
  category: 'other',
} as const;

/** "Product Name", "product_name", "productName" -> "productname". */
export function normKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export const isBlank = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/** The record keyed by normalised column; the first non-blank of equal keys wins. */
export function sourceRecord(raw: RawRecord): SourceRecord {
  const record = new Map<string, { column: string; value: unknown }>();
  for (const column in raw) {
    const value = raw[column];
    const k = normKey(column);
    const seen = record.get(k);
    if (!seen || isBlank(seen.value)) record.set(k, { column, value });
  }
  return record;
}

/** A column's value (compared like FIELD_ALIASES), or undefined. */
export const columnValue = (record: SourceRecord, column: string): unknown =>
  record.get(normKey(column))?.value;

/** Reads a product field from a record: the CATALOG_MAPPING override of the alias lookup. */
export type FieldReader = (record: SourceRecord) => unknown;

export interface RecordReaders {
  /** Per field, a reader that replaces the alias lookup (CATALOG_MAPPING `fields`). */
  fields?: Partial<Record<ProductField, FieldReader>>;
  /** Per field, a reader used when the record leaves the field blank (mapping `joins`). */
  fallbacks?: Partial<Record<ProductField, FieldReader>>;
  /** Extra columns kept as attributes (mapping `attributes`), as column -> reader. */
  attributes?: readonly { name: string; read: FieldReader }[];
}

const NORMALISED_ALIASES = {} as Record<ProductField, readonly string[]>;
for (const field of PRODUCT_FIELDS) NORMALISED_ALIASES[field] = FIELD_ALIASES[field].map(normKey);

function pickAlias(
  record: SourceRecord,
  field: ProductField,
): { column: string; value: unknown } | undefined {
  for (const alias of NORMALISED_ALIASES[field]) {
    const entry = record.get(alias);
    if (entry && !isBlank(entry.value)) return entry;
  }
  return undefined;
}

/** The value of a field: the mapping's reader, else the aliases, else the join's fallback. */
function read(record: SourceRecord, field: ProductField, readers: RecordReaders): unknown {
  const override = readers.fields?.[field];
  const value = override ? override(record) : pickAlias(record, field)?.value;
  if (!isBlank(value)) return value;
  return readers.fallbacks?.[field]?.(record);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  return undefined;
}

/** Markup and entities only cost a decode when present. */
const plainText = (value: string): string => (hasMarkup(value) ? htmlToText(value) : value.trim());

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

/** 120, "24,269", "310 ratings" -> a whole count; a list of reviews counts its items. */
export function parseCount(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? value : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d[\d,]*)\s*(?:ratings?|reviews?|votes?)?\s*$/i.exec(value);
  if (!match?.[1]) return undefined;
  const n = Number(match[1].replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
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

/** `{Color: "Red"}` or `[{name: "Color", value: "Red"}]` -> {Color: "Red"}; scalars as text. */
function attributeObject(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (name: unknown, v: unknown): void => {
    const key = text(name);
    const shown = Array.isArray(v) ? v.map(text).filter(Boolean).join(', ') : text(v);
    if (key && shown) out[key] = plainLabel(shown);
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'object' && item !== null) {
        const o = item as Record<string, unknown>;
        put(o.name ?? o.key ?? o.label, o.value ?? o.values);
      }
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) put(key, v);
  }
  return out;
}

function attributesOf(record: SourceRecord, readers: RecordReaders): Record<string, string> {
  const attributes = attributeObject(read(record, 'attributes', readers));
  for (const [k, { column, value }] of record) {
    if (!FACET_COLUMNS.has(k) || column in attributes) continue;
    const shown = text(value);
    if (shown && shown.toUpperCase() !== 'NA') attributes[column] = plainLabel(shown);
  }
  for (const { name, read: readColumn } of readers.attributes ?? []) {
    const shown = text(readColumn(record));
    if (shown && shown.toUpperCase() !== 'NA') attributes[name] = plainLabel(shown);
  }
  return attributes;
}

/** The price: a sale price when it is a positive amount, else the price, else the list price. */
function priceOf(record: SourceRecord, readers: RecordReaders): { raw: unknown; money?: Money } {
  const override = readers.fields?.price;
  const candidates = override
    ? [override(record)]
    : NORMALISED_ALIASES.price.map((alias) => record.get(alias)?.value);
  candidates.push(read(record, 'regular_price', readers), readers.fallbacks?.price?.(record));
  let firstRaw: unknown;
  let firstParsed: { raw: unknown; money: Money } | undefined;
  for (const raw of candidates) {
    if (isBlank(raw)) continue;
    firstRaw ??= raw;
    const money = parseMoney(raw);
    if (money && money.amount > 0) return { raw, money };
    if (money) firstParsed ??= { raw, money };
  }
  // Zero (free) or negative only when no positive amount follows (a sale price of 0 is a gap).
  if (firstParsed) return firstParsed;
  return { raw: firstRaw };
}

function categoryOf(
  record: SourceRecord,
  readers: RecordReaders,
): { category: string; category_path?: string[] } {
  const override = readers.fields?.category;
  let path: string[] | undefined;
  // A column named by the mapping or a join is read like a `category` column: one slash stays.
  if (override) path = parseCategoryPath(override(record));
  else {
    for (const alias of NORMALISED_ALIASES.category) {
      const entry = record.get(alias);
      if (!entry || isBlank(entry.value)) continue;
      path = parseCategoryPath(entry.value, { isPathColumn: PATH_COLUMNS.has(alias) });
      if (path) break;
    }
  }
  path ??= parseCategoryPath(readers.fallbacks?.category?.(record));
  const leaf = path?.at(-1);
  return leaf && path ? { category: leaf, category_path: path } : { category: 'other' };
}

/** Maps one record of a store's file onto a Product, or says which field made it unusable. */
export function mapRecord(raw: RawRecord, readers: RecordReaders = {}): MappedRecord {
  const record = sourceRecord(raw);

  const skuRaw = text(read(record, 'sku', readers));
  if (!skuRaw) return { ok: false, reason: 'missing sku' };
  const sku = SkuSchema.safeParse(skuRaw);
  if (!sku.success) return { ok: false, reason: `invalid sku: ${firstIssue(sku.error)}` };

  const nameRaw = text(read(record, 'name', readers));
  const name = nameRaw ? plainLabel(nameRaw) : '';
  if (!name) return { ok: false, reason: 'missing name' };

  const { raw: priceRaw, money } = priceOf(record, readers);
  if (priceRaw === undefined) return { ok: false, reason: 'missing price' };
  if (money === undefined) return { ok: false, reason: `invalid price ${show(priceRaw)}` };
  if (money.amount < 0) return { ok: false, reason: `invalid price ${show(priceRaw)} (negative)` };

  const columnCurrency = isoCurrency(read(record, 'currency', readers));
  const currency = columnCurrency ?? money.currency;
  const brand = text(read(record, 'brand', readers));
  const descriptionRaw = read(record, 'description', readers);
  // Feature bullets come as lists: one line each.
  const description = Array.isArray(descriptionRaw)
    ? descriptionRaw.map(text).filter(Boolean).join('\n')
    : text(descriptionRaw);
  const rating = parseRating(read(record, 'rating', readers));
  const ratingCount =
    rating === undefined ? undefined : parseCount(read(record, 'rating_count', readers));
  const stock = stockFacts(read(record, 'stock', readers), read(record, 'availability', readers));
  const attributes = attributesOf(record, readers);
  const url = text(read(record, 'url', readers));
  // A list of image URLs in one cell: the first is the product's.
  const image = text(read(record, 'image', readers))?.split(/[\s,|]+(?=https?:)/)[0];
  const candidate = {
    sku: sku.data,
    name,
    brand: brand ? plainLabel(brand) : FIELD_DEFAULTS.brand,
    ...categoryOf(record, readers),
    price: money.amount,
    ...(currency ? { currency } : {}),
    description: description ? plainText(description) : FIELD_DEFAULTS.description,
    ...(rating === undefined ? {} : { rating }),
    ...(ratingCount === undefined ? {} : { rating_count: ratingCount }),
    ...stock,
    tags: parseTags(read(record, 'tags', readers)),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(url ? { url } : {}),
    ...(image ? { image } : {}),
  };
  const parsed = ProductSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: firstIssue(parsed.error) };
  const fromSymbol = !columnCurrency && money.currency !== undefined && !money.explicit;
  return { ok: true, product: parsed.data, ...(fromSymbol ? { currencyFromSymbol: true } : {}) };
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
