import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogSource } from './catalog-source';
import { parseMapping } from './mapping';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'aisle-source-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir);
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return dir;
}

describe('a catalog split over a directory', () => {
  it('loads every product file, joins reviews on sku, ignores the rest with the reason', async () => {
    const dir = await folder('split', {
      'a-products.csv': 'sku,name,price,category\nA1,Mug,$3,Kitchen > Mugs\nA2,Cup,$2,Kitchen\n',
      'b-products.json': JSON.stringify([
        { id: 'B1', title: 'Pan', price: '12.50 USD' },
        { id: 'A1', title: 'Mug again', price: 4 },
      ]),
      'categories.csv': 'name,url_key,path\nKitchen,kitchen,\n',
      'reviews.csv':
        'sku,rating_code,rating_value,title\nA1,Rating,4,Nice\nA1,Rating,5,Great\nB1,Rating,3,Ok\nZZ,Rating,5,Gone\n',
      'README.md': '# export\n',
    });
    const loaded = await loadCatalogSource(dir);
    expect(loaded.products.map((p) => [p.sku, p.rating, p.rating_count])).toEqual([
      ['A1', 4.5, 2],
      ['A2', undefined, undefined],
      ['B1', 3, 1],
    ]);
    expect(loaded.skipped).toEqual([
      { row: 2, file: 'b-products.json', reason: 'duplicate sku A1 (first in a-products.csv)' },
    ]);
    expect(loaded.files.map((f) => [f.file, f.role, f.products])).toEqual([
      ['README.md', 'ignored', undefined],
      ['a-products.csv', 'products', 2],
      ['b-products.json', 'products', 1],
      ['categories.csv', 'ignored', undefined],
      ['reviews.csv', 'reviews', 2],
    ]);
    expect(loaded.files.find((f) => f.file === 'categories.csv')?.detail).toMatch(
      /^not a product file: no sku, price column \(columns: name, url_key, path\)/,
    );
    expect(loaded.files[0]?.detail).toBe('not a catalog file (.md)');
    expect(loaded.currency).toBe('USD');
    expect(loaded.currencySource).toBe('detected');
  });

  it('fails with the files and reasons when no file holds products', async () => {
    const dir = await folder('none', { 'notes.txt': 'hello', 'cats.csv': 'name,path\nA,\n' });
    await expect(loadCatalogSource(dir)).rejects.toMatchObject({
      code: 'CATALOG_NO_PRODUCT_FILE',
      message: expect.stringMatching(
        /cats\.csv: not a product file.*notes\.txt: not a catalog file/,
      ),
    });
  });
});

describe('currency', () => {
  it('is the most common one, or CATALOG_CURRENCY, which corrects bare symbols only', async () => {
    const dir = await folder('money', {
      'p.csv': 'sku,name,price\nA,One,$5\nB,Two,$6\nC,Three,7 EUR\nD,Four,8\n',
    });
    const detected = await loadCatalogSource(join(dir, 'p.csv'));
    expect(detected.currency).toBe('USD');
    const configured = await loadCatalogSource(join(dir, 'p.csv'), { currency: 'CAD' });
    expect(configured.currency).toBe('CAD');
    expect(configured.currencySource).toBe('CATALOG_CURRENCY');
    expect(configured.products.map((p) => p.currency)).toEqual(['CAD', 'CAD', 'EUR', undefined]);
    const none = await folder('nomoney', { 'p.csv': 'sku,name,price\nA,One,5\n' });
    expect((await loadCatalogSource(none)).currencySource).toBe('none');
  });
});

describe('CATALOG_MAPPING', () => {
  const mapping = parseMapping({
    fields: { sku: { column: 'product_link', pattern: '-(\\d+)$' } },
    attributes: ['pack'],
    joins: [
      {
        file: 'extra.csv',
        on: 'product_link',
        fields: { brand: 'brand', rating: 'rating', rating_count: 'count' },
      },
      {
        file: 'cats.csv',
        on: { product: 'category_link', file: 'link' },
        fields: { category: 'category' },
      },
    ],
  });
  const files = {
    'general.csv': [
      'title,price,pack,product_link,category_link',
      'Shrooms,£2.30,150g,https://x/p/shrooms-570612011,https://x/c/fresh',
      'Bread,99p,1 loaf,https://x/p/bread-42,https://x/c/bakery',
      'No id,£1,,https://x/p/no-id,https://x/c/fresh',
    ].join('\n'),
    'extra.csv': 'product_link,brand,rating,count\nhttps://x/p/shrooms-570612011,Ocado,4.6,21\n',
    'cats.csv': 'category,link\nFresh & Chilled,https://x/c/fresh\nBakery,https://x/c/bakery\n',
  };

  it('derives the sku by pattern and joins other files of the catalog', async () => {
    const dir = await folder('mapped', files);
    for (const path of [dir, join(dir, 'general.csv')]) {
      const loaded = await loadCatalogSource(path, { mapping });
      expect(loaded.products).toEqual([
        expect.objectContaining({
          sku: '570612011',
          name: 'Shrooms',
          brand: 'Ocado',
          category: 'Fresh & Chilled',
          price: 2.3,
          currency: 'GBP',
          rating: 4.6,
          rating_count: 21,
          attributes: { pack: '150g' },
        }),
        expect.objectContaining({ sku: '42', brand: '', category: 'Bakery', price: 0.99 }),
      ]);
      expect(loaded.products[1]).not.toHaveProperty('rating');
      expect(loaded.skipped).toEqual([expect.objectContaining({ row: 4, reason: 'missing sku' })]);
      expect(loaded.currency).toBe('GBP');
    }
    const report = await loadCatalogSource(dir, { mapping });
    expect(report.files.map((f) => [f.file, f.role])).toEqual([
      ['cats.csv', 'joined'],
      ['extra.csv', 'joined'],
      ['general.csv', 'products'],
    ]);
    expect(report.files[0]?.detail).toBe('joined on category_link = link for category (2 rows)');
  });

  it('fails fast when a named column or joined file is not there', async () => {
    const dir = await folder('mapped-bad', files);
    const wrongColumn = parseMapping({ fields: { sku: 'product_url' } });
    await expect(loadCatalogSource(dir, { mapping: wrongColumn })).rejects.toMatchObject({
      code: 'CATALOG_MAPPING_INVALID',
      message: expect.stringMatching(/general\.csv: no column "product_url" in the product file/),
    });
    const wrongJoin = parseMapping({
      joins: [{ file: 'extra.csv', on: 'link', fields: { brand: 'brand' } }],
    });
    await expect(loadCatalogSource(dir, { mapping: wrongJoin })).rejects.toThrow(
      /join extra\.csv: no column "link" in the joined file/,
    );
    const missingFile = parseMapping({ joins: [{ file: 'nope.csv', on: 'product_link' }] });
    await expect(loadCatalogSource(dir, { mapping: missingFile })).rejects.toThrow(
      /cannot read .*nope\.csv/,
    );
  });
});
