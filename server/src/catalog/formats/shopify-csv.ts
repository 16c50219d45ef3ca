import { type Rows, readCsv, sniffDelimiter, stripBom } from '../csv-records';
import type { RawRecord } from '../fields';
import { htmlToText } from './html-text';

/**
 * Shopify product CSV (the admin's "Export products" file, older and current headers).
 *
 * Shopify writes one row per variant and one per extra image; all rows of a product share its
 * `Handle`, and only the first carries the product fields (Title, Body, Vendor, Type, Tags,
 * Status...). Continuation rows have an empty Title.
 *
 * One record per VARIANT, not per product: a variant is what a shopper buys (the cart needs its
 * SKU), and it has its own price, stock and option values. "Do you have it in black / size M?"
 * is then answered by a real, buyable record whose `attributes` say `Color: Black` and whose
 * price and stock are that variant's own, never a product-wide minimum or sum. Variants of one
 * product share `group` (the handle) so listings can fold them into one line. A product with a
 * single "Default Title" variant is one record named as the product.
 *
 * SKU: the store's `Variant SKU` when it names exactly one variant in the file; otherwise (empty,
 * or reused across variants as some stores do with a collection label) the handle, plus the
 * option values for products with several variants. `row` is the variant's own line (for a
 * one-variant product, the product's first row).
 *
 * Category: the `Product Category` taxonomy path when the file has one for the product, else
 * `Type`; the store's `Type` is also kept as `product_type` and, when it is not the category's
 * leaf, as the attribute `Type` (the taxonomy is often coarser: "... > Handbags" for a product
 * the store types "Wristlet"). Stock: `Variant Inventory Qty`
 * only when the column exists and `Variant Inventory Tracker` is set (untracked quantities are
 * meaningless). Shopify CSVs carry no currency, so `currency` is left out.
 */

const SHOPIFY_COLUMNS = ['Handle', 'Title', 'Body (HTML)', 'Variant Price'] as const;
/** Header columns are quoted only when they need to be; compare without quotes. */
const QUOTES = /"/g;

/** True when the header line is a Shopify product export's (Handle, Title, Body (HTML), Variant Price). */
export function sniffShopifyCsv(text: string): boolean {
  const columns = headerColumns(text);
  return SHOPIFY_COLUMNS.every((column) => columns.has(column));
}

/** The column names of the first line (Shopify's never contain the delimiter or quotes). */
function headerColumns(text: string): Set<string> {
  const body = stripBom(text);
  const end = body.indexOf('\n');
  const line = (end < 0 ? body : body.slice(0, end)).replace(QUOTES, '');
  return new Set(line.split(sniffDelimiter(line)).map((column) => column.trim()));
}

type Row = Readonly<Record<string, unknown>>;

interface Group {
  handle: string;
  rows: { row: number; record: Row }[];
}

const cell = (record: Row, column: string): string => {
  const value = record[column];
  return typeof value === 'string' ? value.trim() : '';
};

const OPTION_COLUMNS = [1, 2, 3].map((n) => ({
  name: `Option${n} Name`,
  value: `Option${n} Value`,
}));

/** A variant row: it has a price, a SKU or an option value (image-only rows have none). */
const isVariantRow = (record: Row): boolean =>
  cell(record, 'Variant Price') !== '' ||
  cell(record, 'Variant SKU') !== '' ||
  cell(record, 'Option1 Value') !== '';

const NOT_SLUG = /[^a-z0-9]+/g;
const EDGE_DASHES = /^-+|-+$/g;
const slug = (value: string): string =>
  value.toLowerCase().replace(NOT_SLUG, '-').replace(EDGE_DASHES, '');

const SKU_MAX = 64;

/** The whole export as one record per sellable variant (see the module comment). */
export function readShopifyCsv(text: string): Rows {
  const csv = readCsv(text);
  const out: Rows = { records: [], skipped: [...csv.skipped] };
  const columns = headerColumns(text);
  const hasStatus = columns.has('Status');
  const hasQty = columns.has('Variant Inventory Qty');
  const hasProductCategory = columns.has('Product Category');

  // Group rows by handle (Shopify writes them together; a Map keeps it right even if not).
  const groups = new Map<string, Group>();
  const skuCount = new Map<string, number>();
  for (const { row, record } of csv.records) {
    const handle = cell(record, 'Handle');
    if (handle === '') {
      out.skipped.push({ row, reason: 'row without Handle' });
      continue;
    }
    let group = groups.get(handle);
    if (!group) {
      group = { handle, rows: [] };
      groups.set(handle, group);
    }
    group.rows.push({ row, record });
    const sku = cell(record, 'Variant SKU');
    if (sku !== '') skuCount.set(sku, (skuCount.get(sku) ?? 0) + 1);
  }

  const usedSkus = new Set<string>();
  const uniqueSku = (wanted: string): string => {
    let sku = wanted;
    for (let n = 2; usedSkus.has(sku); n++) {
      const suffix = `-${n}`;
      sku = `${wanted.slice(0, SKU_MAX - suffix.length)}${suffix}`;
    }
    usedSkus.add(sku);
    return sku;
  };

  for (const { handle, rows } of groups.values()) {
    const head = rows.find(({ record }) => cell(record, 'Title') !== '');
    if (!head) {
      out.skipped.push({
        row: rows[0]?.row ?? 0,
        reason: `handle "${handle}" has no product row (every row has an empty Title)`,
      });
      continue;
    }
    const product = head.record;
    const status = cell(product, 'Status').toLowerCase();
    if (hasStatus && (status === 'draft' || status === 'archived')) {
      out.skipped.push({ row: head.row, reason: `${status} product (Status: ${status})` });
      continue;
    }
    if (!hasStatus && cell(product, 'Published').toLowerCase() === 'false') {
      out.skipped.push({ row: head.row, reason: 'unpublished product (Published: false)' });
      continue;
    }

    const title = cell(product, 'Title');
    const optionNames = OPTION_COLUMNS.map((option) => cell(product, option.name));
    const productType = cell(product, 'Type');
    const taxonomy = hasProductCategory ? cell(product, 'Product Category') : '';
    const categoryPath = (
      taxonomy !== '' ? taxonomy.split('>') : productType === '' ? [] : [productType]
    )
      .map((level) => level.trim())
      .filter((level) => level !== '');
    const vendor = cell(product, 'Vendor');
    const body = cell(product, 'Body (HTML)');
    const description = body === '' ? '' : htmlToText(body);
    const tags = cell(product, 'Tags')
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '');
    const firstImage =
      rows.map(({ record }) => cell(record, 'Image Src')).find((src) => src !== '') ?? '';

    const variants = rows.filter(({ record }) => isVariantRow(record));
    if (variants.length === 0) {
      out.skipped.push({ row: head.row, reason: 'product without variants (no price)' });
      continue;
    }
    const several = variants.length > 1;

    for (const { row, record } of variants) {
      const price = cell(record, 'Variant Price');
      if (price === '') {
        out.skipped.push({ row, reason: 'variant without price' });
        continue;
      }
      const attributes: Record<string, string> = {};
      const values: string[] = [];
      OPTION_COLUMNS.forEach((option, i) => {
        const name = optionNames[i] ?? '';
        const value = cell(record, option.value);
        if (value === '' || (name === 'Title' && value === 'Default Title')) return;
        attributes[name === '' ? `Option${i + 1}` : name] = value;
        values.push(value);
      });

      const storeSku = cell(record, 'Variant SKU');
      let sku: string;
      if (storeSku !== '' && skuCount.get(storeSku) === 1 && !usedSkus.has(storeSku)) {
        sku = storeSku;
        usedSkus.add(sku);
      } else {
        const base = several && values.length > 0 ? `${handle}/${slug(values.join(' '))}` : handle;
        sku = uniqueSku(base.length > SKU_MAX ? base.slice(0, SKU_MAX) : base);
      }

      const item: Record<string, unknown> = {
        sku,
        name: values.length > 0 ? `${title} – ${values.join(' / ')}` : title,
        price,
        group: handle,
        tags,
      };
      if (categoryPath.length > 0) {
        item.category = categoryPath.join(' > ');
        item.category_path = categoryPath;
      }
      if (productType !== '') item.product_type = productType;
      if (vendor !== '') item.brand = vendor;
      if (description !== '') item.description = description;
      // Shopify's quantity means nothing unless Shopify tracks the variant's inventory.
      const qty = cell(record, 'Variant Inventory Qty');
      if (hasQty && qty !== '' && cell(record, 'Variant Inventory Tracker') !== '') {
        item.stock = qty;
      }
      // The store's own Type beside a coarser taxonomy ("Wristlet" under "... > Handbags"): a
      // fact the shopper may ask by, kept where search sees it.
      if (productType !== '' && productType !== categoryPath.at(-1)) attributes.Type = productType;
      if (Object.keys(attributes).length > 0) item.attributes = attributes;
      const image = cell(record, 'Variant Image') || firstImage;
      if (image !== '') item.image = image;
      out.records.push({ row, record: item as RawRecord });
    }
  }
  out.skipped.sort((a, b) => a.row - b.row);
  return out;
}
