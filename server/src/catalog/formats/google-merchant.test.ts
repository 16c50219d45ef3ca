import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../csv-records';
import { mapRecord } from '../fields';
import {
  readGoogleMerchantTsv,
  readGoogleMerchantXml,
  sniffGoogleMerchantTsv,
  sniffGoogleMerchantXml,
} from './google-merchant';

// Hand-written after Google's product data specification (no Merchant sample in the team kit).
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const RSS = fixture('google-merchant-rss.xml');
const ATOM = fixture('google-merchant-atom.xml');
const TSV = fixture('google-merchant.tsv');
const NOW = new Date('2026-11-30T12:00:00Z');

const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><title>S</title>${items}</channel></rss>`;
const tsv = (...lines: string[]) => `${lines.join('\n')}\n`;

function products(rows: ReturnType<typeof readGoogleMerchantXml>) {
  return rows.records.map(({ record }) => {
    const mapped = mapRecord(record);
    if (!mapped.ok) throw new Error(mapped.reason);
    return mapped.product;
  });
}

describe('sniffGoogleMerchantXml / sniffGoogleMerchantTsv', () => {
  it('recognise RSS, Atom and TSV feeds', () => {
    expect(sniffGoogleMerchantXml(RSS)).toBe(true);
    expect(sniffGoogleMerchantXml(ATOM)).toBe(true);
    expect(sniffGoogleMerchantTsv(TSV)).toBe(true);
    expect(sniffGoogleMerchantXml(`\ufeff${RSS}`)).toBe(true);
    // Unprefixed feed without the namespace declaration.
    expect(
      sniffGoogleMerchantXml('<rss><channel><item><id>1</id><price>1 USD</price></item>'),
    ).toBe(true);
    expect(sniffGoogleMerchantTsv('ID\tTitle\tPrice\tImage Link\n1\tA\t1 USD\tx\n')).toBe(true);
  });

  it('are false for each other and for plain product files', () => {
    expect(sniffGoogleMerchantTsv(RSS)).toBe(false);
    expect(sniffGoogleMerchantTsv(ATOM)).toBe(false);
    expect(sniffGoogleMerchantXml(TSV)).toBe(false);
    const plain = [
      'sku,name,price,category\nA1,Mug,5,Kitchen\n',
      'id,title,price,availability,image_link\n1,A,1 USD,in stock,x\n',
      'sku\tname\tprice\tcategory\nA1\tMug\t5\tKitchen\n',
      'id\ttitle\tprice\n1\tA\t5\n',
      '[{"id":"1","title":"A","price":"1 USD"}]',
      '{"id":"1","title":"A","price":"1 USD","availability":"in stock"}\n',
      'Handle,Title,Body (HTML),Vendor,Type,Tags,Variant SKU,Variant Price\n',
      '<?xml version="1.0"?><rss version="2.0"><channel><item><title>News</title><link>x</link></item></channel></rss>',
      '<?xml version="1.0"?><catalog><product><price>1</price></product></catalog>',
    ];
    for (const text of plain) {
      expect(sniffGoogleMerchantXml(text), text).toBe(false);
      expect(sniffGoogleMerchantTsv(text), text).toBe(false);
    }
  });
});

describe('readGoogleMerchantXml: RSS 2.0', () => {
  const rows = readGoogleMerchantXml(RSS, NOW);

  it('reads g: elements, CDATA HTML descriptions, sale prices and several product types', () => {
    expect(rows.records[0]).toEqual({
      row: 1,
      record: {
        sku: 'KN-1001',
        name: "Zwilling Pro Chef's Knife 20 cm",
        price: '1999',
        currency: 'CZK',
        brand: 'Zwilling',
        category: 'Home > Kitchen > Knives',
        category_path: ['Home', 'Kitchen', 'Knives'],
        description:
          "Forged chef's knife from special formula steel.\nBlade: 20 cm\nDishwasher safe: no",
        availability: 'in stock',
        attributes: {
          sale_price: '1999 CZK',
          regular_price: '2 499.00 CZK',
          google_product_category: '668',
          other_product_types: 'Gifts > For Cooks',
          material: 'Stainless steel',
          condition: 'new',
          gtin: '4009839264509',
          mpn: '38401-201',
          'blade length': '20 cm',
        },
        url: 'https://shop.example.cz/zwilling-pro-20',
        image: 'https://shop.example.cz/img/kn-1001.jpg',
      },
    });
  });

  it('reads unprefixed RSS title/link/description, keeps ids as text, never sets a stock figure', () => {
    const [, board, santoku] = rows.records.map((r) => r.record);
    expect(board).toMatchObject({
      sku: '0042',
      name: 'Tescoma Cutting Board & Knife Set',
      price: '599',
      currency: 'CZK',
      url: 'https://shop.example.cz/tescoma-set',
      description: 'Beech board 40 × 25 cm with a paring knife.',
      // google_product_category as a path stands in for a missing product_type.
      category: 'Home & Garden > Kitchen & Dining > Kitchen Tools & Utensils > Cutting Boards',
      availability: 'out of stock',
      attributes: {
        color: 'Natural',
        size: 'L',
        item_group_id: 'TS-BOARD',
      },
    });
    // Preorder: no stock figure invented; an unreadable sale price is left out; decimal comma.
    expect(santoku).toEqual({
      sku: 'KN-1003',
      name: 'Fiskars Functional Form Santoku',
      price: '1290,00',
      currency: 'CZK',
      brand: 'Fiskars',
      availability: 'preorder',
      attributes: { availability_date: '2026-12-15T00:00+0100' },
    });
    expect(santoku).not.toHaveProperty('stock');
    expect(santoku).not.toHaveProperty('category');
  });

  it('skips items without id, title or a readable price, saying why', () => {
    expect(rows.skipped).toEqual([
      { row: 4, reason: 'missing price (id KN-1004)' },
      { row: 5, reason: 'missing id' },
      { row: 6, reason: 'missing title (id KN-1006)' },
      { row: 7, reason: 'invalid price "about 800 CZK" (id KN-1007)' },
    ]);
  });

  it('goes through mapRecord without inventing stock or ratings', () => {
    const [knife, board, santoku] = products(rows);
    expect(knife).toMatchObject({
      sku: 'KN-1001',
      price: 1999,
      brand: 'Zwilling',
    });
    expect(knife?.stock).toBeUndefined();
    expect(knife?.rating).toBeUndefined();
    expect(board).toMatchObject({
      sku: '0042',
      price: 599,
      brand: 'Tescoma',
      availability: 'out_of_stock',
    });
    expect(board?.stock).toBeUndefined();
    expect(santoku).toMatchObject({ sku: 'KN-1003', price: 1290, brand: 'Fiskars' });
    expect(santoku?.availability).toBe('preorder');
    // A feed gives no count: no record has a `stock` key, so "unknown" stays unknown downstream.
    expect(rows.records.filter((r) => 'stock' in r.record)).toEqual([]);
  });

  it('skips a zero price and an item that is not an element', () => {
    const out = readGoogleMerchantXml(
      rss(
        '<item><g:id>A</g:id><g:title>A</g:title><g:price>0.00 USD</g:price></item><item>text</item>',
      ),
    );
    expect(out.records).toEqual([]);
    expect(out.skipped).toEqual([
      { row: 1, reason: 'zero price "0.00 USD" (id A)' },
      { row: 2, reason: 'item without elements' },
    ]);
  });

  it('reads feeds with unprefixed Merchant elements and a single item', () => {
    const out = readGoogleMerchantXml(
      '<rss version="2.0"><channel><item><id>7</id><title>Mug</title><price>4.50 EUR</price><product_type>Kitchen &gt; Mugs</product_type><availability>in stock</availability></item></channel></rss>',
    );
    expect(out.records).toEqual([
      {
        row: 1,
        record: {
          sku: '7',
          name: 'Mug',
          price: '4.50',
          currency: 'EUR',
          category: 'Kitchen > Mugs',
          category_path: ['Kitchen', 'Mugs'],
          availability: 'in stock',
        },
      },
    ]);
  });

  it('prefers g: elements over plain ones, whatever the namespace prefix', () => {
    const out = readGoogleMerchantXml(
      '<rss xmlns:gm="http://base.google.com/ns/1.0"><channel><item><title>Plain</title><gm:title>Google</gm:title><gm:id>1</gm:id><gm:price>2 GBP</gm:price></item></channel></rss>',
    );
    expect(out.records[0]?.record).toMatchObject({ sku: '1', name: 'Google', currency: 'GBP' });
  });

  it('ignores comments and decodes entities in plain values and attributes', () => {
    const out = readGoogleMerchantXml(
      rss(
        '<!-- <item><g:id>X</g:id></item> --><item><g:id>E&#38;1</g:id><g:title>Salt &amp; Pepper</g:title><g:price>3 EUR</g:price><g:color>Black &#x26; White</g:color><item_group_id>G1</item_group_id></item>',
      ),
    );
    expect(out.skipped).toEqual([]);
    expect(out.records).toEqual([
      {
        row: 1,
        record: {
          sku: 'E&1',
          name: 'Salt & Pepper',
          price: '3',
          currency: 'EUR',
          attributes: { color: 'Black & White', item_group_id: 'G1' },
        },
      },
    ]);
  });

  it('returns no records for an empty channel and throws on broken XML', () => {
    expect(readGoogleMerchantXml(rss(''))).toEqual({ records: [], skipped: [] });
    expect(() =>
      readGoogleMerchantXml('<rss><channel><item><g:id>1</g:id><g:title>A</g:ti'),
    ).toThrow(/invalid XML feed/);
  });
});

describe('readGoogleMerchantXml: Atom 1.0', () => {
  const rows = readGoogleMerchantXml(ATOM, NOW);

  it('takes g:id over the Atom entry id, link href, HTML title and summary', () => {
    expect(rows.skipped).toEqual([]);
    expect(rows.records[0]).toEqual({
      row: 1,
      record: {
        sku: 'TS-300-BLU-M',
        name: 'Ridge Softshell Jacket – Blue, M',
        price: '99.00',
        currency: 'USD',
        brand: 'Trail & Summit',
        category: 'Apparel > Men > Jackets > Softshell',
        category_path: ['Apparel', 'Men', 'Jackets', 'Softshell'],
        description: 'Wind-resistant softshell.\nTwo zip pockets.',
        availability: 'in stock',
        attributes: {
          sale_price: '99.00 USD',
          regular_price: '129.00 USD',
          sale_price_effective_date: '2026-11-25T00:00-0800/2026-12-02T23:59-0800',
          google_product_category: 'Apparel & Accessories > Clothing > Outerwear > Coats & Jackets',
          color: 'Blue',
          size: 'M',
          material: 'Polyester/Elastane',
          gender: 'male',
          age_group: 'adult',
          condition: 'new',
          item_group_id: 'TS-300',
        },
        url: 'https://trail.example.com/p/ridge-softshell?variant=blu-m',
        image: 'https://trail.example.com/img/ts-300-blu.jpg',
      },
    });
  });

  it('ignores a sale outside its dates and keeps a numeric Google category only as an attribute', () => {
    expect(rows.records[1]?.record).toEqual({
      sku: 'BP-40',
      name: 'Summit 40 L Backpack',
      price: '189.5',
      currency: 'USD',
      brand: 'Trail & Summit',
      description: 'Top-loading 40 L pack, 1.3 kg.',
      availability: 'backorder',
      attributes: { google_product_category: '100' },
      url: 'https://trail.example.com/p/summit-40',
    });
    // During the sale the sale price is the price.
    const inJanuary = readGoogleMerchantXml(ATOM, new Date('2026-01-15T00:00:00Z'));
    expect(inJanuary.records[1]?.record).toMatchObject({
      price: '149.00',
      attributes: { sale_price: '149.00 USD', regular_price: 'USD 189.5' },
    });
    // After the first entry's sale ended, the regular price is back.
    const december = readGoogleMerchantXml(ATOM, new Date('2026-12-10T00:00:00Z'));
    expect(december.records[0]?.record.price).toBe('129.00');
  });

  it('maps through mapRecord', () => {
    expect(products(rows).map((p) => [p.sku, p.price, p.brand, p.stock])).toEqual([
      ['TS-300-BLU-M', 99, 'Trail & Summit', undefined],
      ['BP-40', 189.5, 'Trail & Summit', undefined],
    ]);
  });
});

describe('readGoogleMerchantTsv', () => {
  const rows = readGoogleMerchantTsv(TSV, NOW);

  it('reads tab-separated rows with inch marks, quoted cells and comma-separated product types', () => {
    expect(rows.records.map((r) => r.row)).toEqual([2, 3, 6]);
    expect(rows.records[0]?.record).toEqual({
      sku: 'TV-55-Q80',
      name: 'Samsung 55" QLED 4K Q80D',
      price: '15999.00',
      currency: 'CZK',
      brand: 'Samsung',
      category: 'Electronics > TV > QLED',
      category_path: ['Electronics', 'TV', 'QLED'],
      description: '55" QLED, 120 Hz & HDR10+',
      availability: 'in stock',
      attributes: {
        google_product_category: '404',
        other_product_types: 'Sale > TV',
        size: '55 inch',
        condition: 'new',
        gtin: '8806095467658',
        mpn: 'QE55Q80DATXXH',
      },
      url: 'https://tech.example.com/tv-55-q80',
      image: 'https://tech.example.com/img/tv-55-q80.jpg',
    });
    expect(rows.records[1]?.record).toMatchObject({
      sku: 'EB-PRO2',
      name: 'AirPods Pro (2nd generation)',
      price: '5990',
      currency: 'CZK',
      category: 'Electronics > Audio > Headphones',
      availability: 'out of stock',
      attributes: {
        sale_price: '5 990 CZK',
        regular_price: '6 490 CZK',
      },
    });
    expect(rows.records[2]?.record).toEqual({
      sku: 'MS-01',
      name: 'Wireless Mouse',
      price: '249',
      currency: 'CZK',
      brand: 'Logitech',
      availability: 'preorder',
      attributes: {
        color: 'Graphite',
        condition: 'refurbished',
        item_group_id: 'MS',
      },
    });
  });

  it('skips rows without a price by line number; the generic reader keeps the inch-mark row too', () => {
    expect(rows.skipped).toEqual([{ row: 5, reason: 'missing price (id CB-USB-C)' }]);
    // A quote inside an unquoted cell (55" TV) is text, not a broken record.
    expect(readCsv(TSV).records.map((r) => r.record.id)).toContain('TV-55-Q80');
  });

  it('accepts spaced or prefixed header names, CRLF and a BOM', () => {
    const out = readGoogleMerchantTsv(
      '\ufeffID\tTitle\tg:price\tImage Link\tAvailability\r\nA-1\tLamp\t15.00 USD\thttp://x/a.jpg\tout of stock\r\n',
    );
    expect(out.records).toEqual([
      {
        row: 2,
        record: {
          sku: 'A-1',
          name: 'Lamp',
          price: '15.00',
          currency: 'USD',
          availability: 'out of stock',
          image: 'http://x/a.jpg',
        },
      },
    ]);
  });

  it('reads product_detail as attributes and skips missing id or title', () => {
    const out = readGoogleMerchantTsv(
      tsv(
        'id\ttitle\tprice\tproduct_detail',
        'B\tBottle\t12 EUR\tGeneral:Capacity:500 ml,Build:Material:Steel',
        '\tNo id\t1 EUR\t',
        'C\t\t1 EUR\t',
      ),
    );
    expect(out.records[0]?.record).toMatchObject({
      attributes: { capacity: '500 ml', material: 'Steel' },
    });
    expect(out.skipped).toEqual([
      { row: 3, reason: 'missing id' },
      { row: 4, reason: 'missing title (id C)' },
    ]);
  });

  it('keeps a comma inside one product_type path, splits a list of paths or flat types', () => {
    const out = readGoogleMerchantTsv(
      tsv(
        'id\ttitle\tprice\tproduct_type',
        'K\tKnife\t9 EUR\tKitchen, Dining & Bar > Knives',
        'L\tLadle\t4 EUR\tUtensils, Gifts',
      ),
    );
    expect(out.records.map((r) => [r.record.category, r.record.attributes])).toEqual([
      ['Kitchen, Dining & Bar > Knives', undefined],
      ['Utensils', { other_product_types: 'Gifts' }],
    ]);
  });

  it('maps through mapRecord', () => {
    expect(products(rows).map((p) => [p.sku, p.price, p.brand, p.stock, p.availability])).toEqual([
      ['TV-55-Q80', 15999, 'Samsung', undefined, 'in_stock'],
      ['EB-PRO2', 5990, 'Apple', undefined, 'out_of_stock'],
      ['MS-01', 249, 'Logitech', undefined, 'preorder'],
    ]);
  });
});
