import { XMLParser } from 'fast-xml-parser';
import { decode } from 'html-entities';
import { type Rows, stripBom } from '../csv-records';
import { parsePrice } from '../fields';
import { CatalogLoadError } from '../load-errors';
import { htmlToText } from './html-text';

/**
 * Google Merchant Center product feeds: the XML forms (RSS 2.0 `<item>`s and Atom 1.0
 * `<entry>`s with the `g:` namespace http://base.google.com/ns/1.0, or the same names
 * unprefixed) and the tab-separated form (a header of attribute names, one product per line).
 *
 * Records use the canonical keys of `mapRecord` plus `currency`, `category_path`, `attributes`,
 * `url`, `image` and `availability` ("in stock", "preorder"...: mapRecord reads the word; a feed
 * gives no count, so `stock` stays absent).
 */

const GOOGLE_NS = 'http://base.google.com/ns/1.0';
const SNIFF_WINDOW = 64 * 1024;

/** Merchant attributes kept as they are in `attributes` (lowercase snake_case names). */
const ATTRIBUTE_KEYS = [
  'color',
  'size',
  'material',
  'pattern',
  'gender',
  'age_group',
  'size_type',
  'size_system',
  'condition',
  'gtin',
  'mpn',
  'item_group_id',
  'availability_date',
  'unit_pricing_measure',
  'unit_pricing_base_measure',
  'multipack',
  'is_bundle',
  'adult',
  'energy_efficiency_class',
] as const;

/** Values of `availability` as Google spells them today and formerly (with spaces). */
const AVAILABILITY: Readonly<Record<string, string>> = {
  in_stock: 'in stock',
  out_of_stock: 'out of stock',
  preorder: 'preorder',
  backorder: 'backorder',
  available_for_order: 'available for order',
};

/** Attribute columns that only Merchant feeds have: one of them in a TSV header says "Merchant". */
const MERCHANT_ONLY_COLUMNS = new Set([
  'image_link',
  'availability',
  'google_product_category',
  'product_type',
  'gtin',
  'mpn',
  'condition',
  'item_group_id',
  'sale_price',
  'link',
  'identifier_exists',
]);

/** One product as the feed gave it: attribute name (lowercase, no prefix) -> its values. */
type Item = Map<string, string[]>;

// ---------------------------------------------------------------------------------------------
// XML (RSS 2.0 and Atom 1.0)

/** True for an RSS or Atom document that declares the Google namespace or carries `price` elements. */
export function sniffGoogleMerchantXml(text: string): boolean {
  const head = stripBom(text).slice(0, SNIFF_WINDOW);
  if (!/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w-]+:)?(?:rss|feed)[\s>]/.test(head))
    return false;
  return head.includes(GOOGLE_NS) || /<(?:[\w-]+:)?price[\s>]/.test(head);
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Entities are decoded per value in textOf: the parser's own pass costs a third of the parse.
  processEntities: false,
  // Callbacks get a matcher instead of a path string built for every value (20-40% faster).
  jPath: false,
});

/** Reads an RSS 2.0 or Atom 1.0 Merchant feed; `row` is the item's 1-based position. */
export function readGoogleMerchantXml(text: string, now: Date = new Date()): Rows {
  const body = stripBom(text).trimEnd();
  // The parser is lenient and full validation costs as much as parsing, so check the one
  // failure feeds really have: a download cut short would otherwise lose items silently.
  if (!/<\/(?:[\w-]+:)?(?:rss|feed)>$/.test(body.slice(-64))) {
    throw new CatalogLoadError(
      'CATALOG_UNPARSEABLE',
      'invalid XML feed: it does not end with </rss> or </feed> (cut short?)',
    );
  }
  let doc: unknown;
  try {
    doc = xmlParser.parse(body);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new CatalogLoadError('CATALOG_UNPARSEABLE', `invalid XML feed: ${reason}`, { cause });
  }
  const root = asObject(doc);
  const rss = asObject(local(root, 'rss'));
  const feed = asObject(local(root, 'feed'));
  const items = rss ? local(asObject(local(rss, 'channel')), 'item') : local(feed, 'entry');
  const rows: Rows = { records: [], skipped: [] };
  toList(items).forEach((node, index) => {
    const item = xmlItem(node);
    const row = index + 1;
    if (!item) rows.skipped.push({ row, reason: 'item without elements' });
    else push(rows, row, item, now);
  });
  return rows;
}

/**
 * Prefixed elements (`g:price`, whatever the prefix) come before unprefixed ones (`price`, and
 * Atom's own `id`/`title`), so `g:id` wins over an Atom entry's `<id>`.
 */
function xmlItem(node: unknown): Item | undefined {
  const element = asObject(node);
  if (!element) return undefined;
  const item: Item = new Map();
  const entries = Object.entries(element).filter(([name]) => !name.startsWith('@'));
  for (const prefixed of [true, false]) {
    for (const [name, value] of entries) {
      const colon = name.indexOf(':');
      if (colon >= 0 !== prefixed) continue;
      const key = name.slice(colon + 1).toLowerCase();
      for (const v of toList(value)) {
        const text =
          key === 'link' ? linkOf(v) : key === 'product_detail' ? detailOf(v) : textOf(v);
        if (text) add(item, key, text);
      }
    }
  }
  return item;
}

/** RSS `<link>url</link>` or Atom `<link rel="alternate" href="url"/>` (other rels ignored). */
function linkOf(value: unknown): string | undefined {
  const element = asObject(value);
  if (!element) return textOf(value);
  const rel = textOf(element['@rel']);
  if (rel && rel !== 'alternate') return undefined;
  return textOf(element['@href']) ?? textOf(element['#text']);
}

/** `<g:product_detail>` as "section:name:value", the TSV spelling of the same attribute. */
function detailOf(value: unknown): string | undefined {
  const element = asObject(value);
  if (!element) return textOf(value);
  const child = (local: string): string | undefined => {
    for (const [key, v] of Object.entries(element)) {
      if (key === local || key.endsWith(`:${local}`)) return textOf(v);
    }
    return undefined;
  };
  const name = child('attribute_name');
  const v = child('attribute_value');
  if (!name || !v) return undefined;
  return `${child('section_name') ?? ''}:${name}:${v}`;
}

// ---------------------------------------------------------------------------------------------
// TSV

/** True for tab-separated text whose header has `id`, `title` and a Merchant-only attribute. */
export function sniffGoogleMerchantTsv(text: string): boolean {
  const body = stripBom(text);
  const end = body.search(/\r?\n/);
  const header = end < 0 ? body : body.slice(0, end);
  if (!header.includes('\t')) return false;
  const columns = header.split('\t').map(columnName);
  return (
    columns.includes('id') &&
    columns.includes('title') &&
    columns.some((c) => MERCHANT_ONLY_COLUMNS.has(c))
  );
}

/**
 * Reads the tab-separated form. Merchant TSV has no quoting (values may hold `"` as in `55" TV`,
 * which a strict CSV reader rejects), so lines are split on tabs; a value wholly in double quotes
 * is unquoted. `row` is the line number (header = line 1).
 */
export function readGoogleMerchantTsv(text: string, now: Date = new Date()): Rows {
  const lines = stripBom(text).split(/\r?\n/);
  const rows: Rows = { records: [], skipped: [] };
  const header = (lines[0] ?? '').split('\t').map(columnName);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    const item: Item = new Map();
    header.forEach((column, c) => {
      const cell = unquote(cells[c] ?? '');
      if (column === '' || cell === '') return;
      // Repeated attributes are comma-separated here.
      if (column === 'product_type' || column === 'product_detail') {
        for (const v of splitRepeated(cell)) add(item, column, v);
      } else add(item, column, cell);
    });
    push(rows, i + 1, item, now);
  }
  return rows;
}

/** "g:image_link", "Image Link", "image link" -> "image_link". */
function columnName(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^[\w-]+:/, '')
    .replace(/[\s-]+/g, '_');
}

/**
 * "A > B,C > D" -> two values. A comma inside one path ("Kitchen, Dining > Knives": a part
 * without " > " beside parts with it) is part of the name, not a separator.
 */
function splitRepeated(cell: string): string[] {
  const parts = cell
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (cell.includes('>') && parts.some((part) => !part.includes('>'))) return [cell];
  return parts;
}

function unquote(cell: string): string {
  const v = cell.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"'))
    return v.slice(1, -1).replace(/""/g, '"').trim();
  return v;
}

// ---------------------------------------------------------------------------------------------
// One item -> one record

function push(rows: Rows, row: number, item: Item, now: Date): void {
  const id = first(item, 'id');
  if (!id) return void rows.skipped.push({ row, reason: 'missing id' });
  const title = first(item, 'title');
  if (!title) return void rows.skipped.push({ row, reason: `missing title (id ${id})` });
  const regular = first(item, 'price');
  if (!regular) return void rows.skipped.push({ row, reason: `missing price (id ${id})` });
  const price = splitPrice(regular);
  if (!price) {
    return void rows.skipped.push({ row, reason: `invalid price "${regular}" (id ${id})` });
  }
  if (parsePrice(price.amount) === 0) {
    // Merchant Center requires a positive price; 0 is a placeholder, not "free".
    return void rows.skipped.push({ row, reason: `zero price "${regular}" (id ${id})` });
  }

  const attributes: Record<string, string> = {};
  let amount = price.amount;
  let currency = price.currency;
  const saleText = first(item, 'sale_price');
  const saleDates = first(item, 'sale_price_effective_date');
  const sale = saleText ? splitPrice(saleText) : undefined;
  // A sale price that is unreadable, zero or outside its dates is left out, not shown as a fact.
  if (sale && parsePrice(sale.amount) !== 0 && saleApplies(saleDates, now)) {
    amount = sale.amount;
    currency = sale.currency ?? currency;
    attributes.sale_price = saleText ?? sale.amount;
    attributes.regular_price = regular;
    if (saleDates) attributes.sale_price_effective_date = saleDates;
  }

  // Titles are plain text, but feeds escape them as HTML often enough (`&ndash;`, `type="html"`).
  const name = plainText(title).replace(/\s+/g, ' ');
  const record: Record<string, unknown> = { sku: id, name: name || title, price: amount };
  if (currency) record.currency = currency;

  const brand = first(item, 'brand');
  if (brand) record.brand = brand;

  const googleCategory = first(item, 'google_product_category');
  if (googleCategory) attributes.google_product_category = googleCategory;
  const types = item.get('product_type') ?? [];
  const primary =
    types[0] ?? (googleCategory && !/^\d+$/.test(googleCategory) ? googleCategory : undefined);
  const path = primary ? categoryPath(primary) : [];
  if (path.length > 0) {
    record.category = path.join(' > ');
    record.category_path = path;
  }
  if (types.length > 1) attributes.other_product_types = types.slice(1).join(' | ');

  const description =
    first(item, 'description') ?? first(item, 'summary') ?? first(item, 'content');
  if (description) {
    const plain = plainText(description);
    if (plain) record.description = plain;
  }

  const availability = first(item, 'availability');
  if (availability) {
    const key = availability.toLowerCase().replace(/[\s-]+/g, '_');
    // The product's `availability` (never a stock figure: the feed gives no count).
    record.availability = AVAILABILITY[key] ?? availability.toLowerCase();
  }

  for (const key of ATTRIBUTE_KEYS) {
    const values = item.get(key);
    if (values?.length) attributes[key] = values.join(', ');
  }
  for (const detail of item.get('product_detail') ?? []) {
    const [, name, ...value] = detail.split(':');
    const v = value.join(':').trim();
    if (name?.trim() && v) attributes[name.trim().toLowerCase()] = v;
  }
  if (Object.keys(attributes).length > 0) record.attributes = attributes;

  const url = first(item, 'link');
  if (url) record.url = url;
  const image = first(item, 'image_link');
  if (image) record.image = image;

  rows.records.push({ row, record });
}

/** "599 CZK", "15.00 USD", "USD 15.00", "1 299,00 EUR", "12.5" -> amount text and ISO code. */
function splitPrice(value: string): { amount: string; currency?: string } | undefined {
  const match = PRICE.exec(value);
  if (!match) return undefined;
  const amount = (match[2] ?? '').replace(/\s+/g, '');
  const parsed = parsePrice(amount);
  if (parsed === undefined || parsed < 0) return undefined;
  const currency = (match[1] ?? match[3])?.toUpperCase();
  return currency ? { amount, currency } : { amount };
}

const PRICE = /^\s*(?:([A-Za-z]{3})\s*)?(\d[\d\s.,]*?)\s*(?:([A-Za-z]{3}))?\s*$/;

/**
 * `sale_price_effective_date` is "start/end" in ISO 8601 (either side may be left out). The sale
 * price is the current price unless the range says it has not started or is over.
 */
function saleApplies(range: string | undefined, now: Date): boolean {
  if (!range) return true;
  const [start, end] = range.split('/').map((s) => Date.parse(s.trim()));
  const t = now.getTime();
  if (start !== undefined && Number.isFinite(start) && t < start) return false;
  if (end !== undefined && Number.isFinite(end) && t > end) return false;
  return true;
}

/** htmlToText only for text with markup or entities: most titles have neither. */
const plainText = (value: string): string =>
  value.includes('<') || value.includes('&') ? htmlToText(value) : value.trim();

/** "Home > Kitchen > Knives" -> ["Home", "Kitchen", "Knives"]. */
function categoryPath(value: string): string[] {
  return value
    .split('>')
    .map((level) => level.trim())
    .filter((level) => level !== '');
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** The child element named `name`, with or without a namespace prefix. */
function local(element: Record<string, unknown> | undefined, name: string): unknown {
  if (!element) return undefined;
  if (name in element) return element[name];
  for (const [key, value] of Object.entries(element)) if (key.endsWith(`:${name}`)) return value;
  return undefined;
}

function add(item: Item, key: string, value: string): void {
  const list = item.get(key);
  if (list) list.push(value);
  else item.set(key, [value]);
}

const first = (item: Item, key: string): string | undefined => item.get(key)?.[0];

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const toList = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

/** Element text (an element with attributes keeps its text under `#text`), trimmed; blank -> undefined. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const text = value.includes('&') ? decode(value, { level: 'xml' }).trim() : value.trim();
    return text || undefined;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const element = asObject(value);
  if (element && '#text' in element) return textOf(element['#text']);
  return undefined;
}
