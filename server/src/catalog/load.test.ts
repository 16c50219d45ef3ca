import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProductSchema } from '@aisle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryKey, normalizeCategory } from './category';
import { parseAvailability, parsePrice, parseRating, parseStock, parseTags } from './fields';
import { detectFormat, loadCatalogFile, parseCatalog, sniffFormat } from './load';
import { CatalogLoadError } from './load-errors';

describe('parseCatalog: JSON', () => {
  it('maps odd, case-insensitive field names and parses loose values', () => {
    const text = JSON.stringify([
      {
        Product_ID: 1017,
        Title: '  XPS 13  ',
        PRICE_USD: '$1,299.00',
        Type: 'Notebooks',
        Manufacturer: 'Dell',
        Details: 'Small laptop',
        Stars: '4.5/5',
        Inventory: '12 units',
        Keywords: 'ultraportable; windows | oled, ultraportable',
      },
      { item_id: 'A-2', product_name: 'Tab', cost: 99.999, category: 'TABLETS', in_stock: true },
    ]);
    const { products, skipped, format } = parseCatalog(text, 'json');
    expect(format).toBe('json');
    expect(skipped).toEqual([]);
    expect(products).toEqual([
      {
        sku: '1017',
        name: 'XPS 13',
        brand: 'Dell',
        category: 'Notebooks',
        category_path: ['Notebooks'],
        price: 1299,
        currency: 'USD',
        description: 'Small laptop',
        rating: 4.5,
        stock: 12,
        availability: 'in_stock',
        tags: ['ultraportable', 'windows', 'oled'],
      },
      {
        sku: 'A-2',
        name: 'Tab',
        brand: '',
        category: 'TABLETS',
        category_path: ['TABLETS'],
        price: 100,
        description: '',
        availability: 'in_stock',
        tags: [],
      },
    ]);
    for (const p of products) expect(ProductSchema.safeParse(p).success).toBe(true);
  });

  it('accepts {"products": [...]} and reports bad rows by array position, naming the field', () => {
    const text = JSON.stringify({
      store: 'x',
      products: [
        { sku: 'OK-1', name: 'Fine', price: 10 },
        'not a product',
        { name: 'No sku', price: 5 },
        { sku: 'NO-NAME', price: 5 },
        { sku: 'NO-PRICE', name: 'Free?' },
        { sku: 'NEG', name: 'Negative', price: -3 },
        { sku: 'TEXT', name: 'Text price', price: 'call us' },
        { sku: 'OK-1', name: 'Duplicate', price: 11 },
        { sku: 'X'.repeat(65), name: 'Long sku', price: 1 },
      ],
    });
    const { products, skipped } = parseCatalog(text);
    expect(products.map((p) => p.sku)).toEqual(['OK-1']);
    expect(products[0]?.name).toBe('Fine');
    expect(skipped).toEqual([
      { row: 2, reason: 'not an object' },
      { row: 3, reason: 'missing sku' },
      { row: 4, reason: 'missing name' },
      { row: 5, reason: 'missing price' },
      { row: 6, reason: 'invalid price -3 (negative)' },
      { row: 7, reason: 'invalid price "call us"' },
      { row: 8, reason: 'duplicate sku OK-1 (first seen at row 1)' },
      { row: 9, reason: expect.stringMatching(/^invalid sku: .*64/) },
    ]);
  });

  it('throws CatalogLoadError for text that is not JSON or not a list of products', () => {
    expect(() => parseCatalog('[{"sku": "A",', 'json')).toThrow(CatalogLoadError);
    try {
      parseCatalog('{"items_total": 3}', 'json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogLoadError);
      expect((error as CatalogLoadError).code).toBe('CATALOG_UNPARSEABLE');
    }
  });
});

describe('parseCatalog: JSON Lines', () => {
  it('reads one object per line, reports bad lines by line number and skips blank lines', () => {
    const text = [
      '{"id": "L-1", "title": "Echo Dot", "amount": "49.99", "make": "Amazon", "type": "Speakers"}',
      '',
      '{"id": "L-2", "title": "Broken", ',
      '[1, 2]',
      '{"id": "L-3", "title": "No price"}',
      '{"ID": "L-4", "NAME": "Case", "Price": 15, "labels": ["Case", "iphone"], "qty": 0}',
    ].join('\n');
    const { products, skipped, format } = parseCatalog(text, 'jsonl');
    expect(format).toBe('jsonl');
    expect(products.map((p) => [p.sku, p.category, p.price])).toEqual([
      ['L-1', 'Speakers', 49.99],
      ['L-4', 'other', 15],
    ]);
    expect(products[1]?.tags).toEqual(['case', 'iphone']);
    expect(products[1]?.stock).toBe(0);
    expect(skipped).toEqual([
      { row: 3, reason: 'invalid JSON' },
      { row: 4, reason: 'not an object' },
      { row: 5, reason: 'missing price' },
    ]);
  });
});

describe('parseCatalog: CSV', () => {
  it('reads a header row, quoted fields, a BOM, and reports rows by line number', () => {
    const text = [
      '\uFEFFSKU,Product Name,Price,Category,Brand,Description,Rating,In Stock,Tags',
      'SG-S24,Galaxy S24,"$799.00",Mobile Phones,Samsung,"6.2"" display, 128 GB",4.6,true,"5g,android"',
      'NP-1,No price,,phones,Samsung,,,,',
      'GP-8,Pixel 8,699,smartphone,Google,,4.5,false,5g|camera',
      'SG-S24,Galaxy S24 again,749,phones,Samsung,,,,',
      ',Nameless sku,10,x,y,,,,',
    ].join('\r\n');
    const { products, skipped, format } = parseCatalog(text, 'csv');
    expect(format).toBe('csv');
    expect(products).toEqual([
      {
        sku: 'SG-S24',
        name: 'Galaxy S24',
        brand: 'Samsung',
        category: 'Mobile Phones',
        category_path: ['Mobile Phones'],
        price: 799,
        currency: 'USD',
        description: '6.2" display, 128 GB',
        rating: 4.6,
        availability: 'in_stock',
        tags: ['5g', 'android'],
      },
      {
        sku: 'GP-8',
        name: 'Pixel 8',
        brand: 'Google',
        category: 'smartphone',
        category_path: ['smartphone'],
        price: 699,
        description: '',
        rating: 4.5,
        availability: 'out_of_stock',
        tags: ['5g', 'camera'],
      },
    ]);
    expect(skipped).toEqual([
      { row: 3, reason: 'missing price' },
      { row: 5, reason: 'duplicate sku SG-S24 (first seen at row 2)' },
      { row: 6, reason: 'missing sku' },
    ]);
  });

  it('detects ; and tab delimiters and European prices', () => {
    const semicolon =
      'id;title;cost;type\nA;Kettle;"1.299,50 €";Home Appliances\nB;Cable;12,5;Accessories\n';
    expect(parseCatalog(semicolon, 'csv').products.map((p) => [p.price, p.category])).toEqual([
      [1299.5, 'Home Appliances'],
      [12.5, 'Accessories'],
    ]);
    const tabs = 'sku\tname\tprice\nT-1\tTab thing\t3\n';
    expect(parseCatalog(tabs, 'csv').products.map((p) => p.name)).toEqual(['Tab thing']);
  });

  it('reports a record with an unterminated quote instead of failing the file', () => {
    const text = 'sku,name,price\nA,Good,1\nB,"Bad,2\n';
    const { products, skipped } = parseCatalog(text, 'csv');
    expect(products.map((p) => p.sku)).toEqual(['A']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.row).toBe(3);
    expect(skipped[0]?.reason).toMatch(/malformed CSV/);
  });
});

describe('format detection', () => {
  it('uses the extension first, then the content', () => {
    expect(detectFormat('a,b', 'x/products.JSONL')).toBe('jsonl');
    expect(detectFormat('[]', 'x/products.ndjson')).toBe('jsonl');
    expect(detectFormat('{"a":1}', 'x/products.csv')).toBe('csv');
    expect(detectFormat('[{"a":1}]', 'x/products.txt')).toBe('json');
    expect(sniffFormat('  \n[{"sku": "a"}]')).toBe('json');
    expect(sniffFormat('{"products": []}')).toBe('json');
    expect(sniffFormat('{"sku": "a"}\n{"sku": "b"}')).toBe('jsonl');
    expect(sniffFormat('sku,name,price\n')).toBe('csv');
  });

  it('parseCatalog sniffs the format when none is given', () => {
    expect(
      parseCatalog('{"sku":"A","name":"N","price":1}\n{"sku":"B","name":"M","price":2}\n').format,
    ).toBe('jsonl');
    expect(parseCatalog('sku,name,price\nA,N,1\n').products).toHaveLength(1);
  });
});

describe('field parsers', () => {
  it.each([
    ['$1,299.00', 1299],
    ['1299', 1299],
    ['1.299,00 €', 1299],
    ['USD 49.5', 49.5],
    ['12,5', 12.5],
    ['1,234,567', 1234567],
    [0, 0],
    [19.999, 20],
    [{ amount: '5.25', currency: 'USD' }, 5.25],
    ['-5', -5],
  ])('parsePrice(%j) = %j', (input, expected) => {
    expect(parsePrice(input)).toBe(expected);
  });

  it.each([['free'], [''], [Number.NaN], [null], [true], ['1.2.3']])(
    'parsePrice(%j) is undefined',
    (input) => {
      expect(parsePrice(input)).toBeUndefined();
    },
  );

  it('parses ratings on a 5-point scale, rescales "x/10" and drops out-of-range values', () => {
    expect(parseRating('4.5 stars')).toBe(4.5);
    expect(parseRating('9/10')).toBe(4.5);
    expect(parseRating(3)).toBe(3);
    expect(parseRating(7)).toBeUndefined();
    expect(parseRating('great')).toBeUndefined();
  });

  it('reads stock only from a quantity; words are availability', () => {
    expect(parseStock('1,200')).toBe(1200);
    expect(parseStock('12 units')).toBe(12);
    expect(parseStock(3.7)).toBe(3);
    expect(parseStock(-2)).toBe(0);
    expect(parseStock('In Stock')).toBeUndefined();
    expect(parseStock(false)).toBeUndefined();
    expect(parseStock('maybe')).toBeUndefined();
    expect(parseAvailability('In Stock')).toBe('in_stock');
    expect(parseAvailability('https://schema.org/OutOfStock')).toBe('out_of_stock');
    expect(parseAvailability('sold out')).toBe('out_of_stock');
    expect(parseAvailability('Pre-order')).toBe('preorder');
    expect(parseAvailability(false)).toBe('out_of_stock');
    expect(parseAvailability('1')).toBe('in_stock');
    expect(parseAvailability('maybe')).toBeUndefined();
  });

  it('splits, trims, lowercases and de-duplicates tags', () => {
    expect(parseTags(' 5G , Android;android | ')).toEqual(['5g', 'android']);
    expect(parseTags(['Wireless', 5, null, ''])).toEqual(['wireless', '5']);
    expect(parseTags(undefined)).toEqual([]);
  });

  it('maps category synonyms onto slugs and keeps a store’s own categories', () => {
    expect(normalizeCategory(' Mobile Phones ')).toBe('smartphone');
    expect(normalizeCategory('EARBUDS')).toBe('headphones');
    expect(normalizeCategory('Televisions')).toBe('tv');
    expect(normalizeCategory('home_appliances')).toBe('home-appliance');
    expect(normalizeCategory('Garden  Tools')).toBe('garden tools');
    expect(categoryKey('Blenders')).toBe(categoryKey('blender'));
    expect(categoryKey('Batteries')).toBe('battery');
    expect(categoryKey('smartphones')).toBe('smartphone');
  });
});

describe('loadCatalogFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aisle-catalog-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads each format from disk', async () => {
    const files = {
      'a.json': '{"products":[{"sku":"J-1","name":"J","price":1}]}',
      'b.jsonl': '{"sku":"L-1","name":"L","price":2}\n',
      'c.csv': 'sku,name,price\nC-1,C,3\n',
      'd.data': 'sku,name,price\nD-1,D,4\n',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const loaded = await Promise.all(Object.keys(files).map((f) => loadCatalogFile(join(dir, f))));
    expect(loaded.map((l) => [l.format, l.products[0]?.sku])).toEqual([
      ['json', 'J-1'],
      ['jsonl', 'L-1'],
      ['csv', 'C-1'],
      ['csv', 'D-1'],
    ]);
  });

  it('throws CATALOG_UNREADABLE for a missing file and CATALOG_UNPARSEABLE for bad JSON', async () => {
    await expect(loadCatalogFile(join(dir, 'missing.json'))).rejects.toMatchObject({
      name: 'CatalogLoadError',
      code: 'CATALOG_UNREADABLE',
    });
    await writeFile(join(dir, 'bad.json'), '{"products": [');
    await expect(loadCatalogFile(join(dir, 'bad.json'))).rejects.toMatchObject({
      code: 'CATALOG_UNPARSEABLE',
    });
  });
});
