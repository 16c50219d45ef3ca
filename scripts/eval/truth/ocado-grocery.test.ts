import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kitFolder } from '../kit';
import { ocadoPrice, ocadoSku, readOcadoTruth } from './ocado-grocery';

const LINK = 'https://www.ocado.com/products';
const FRESH = 'https://www.ocado.com/browse/fresh-chilled-food-20002?hideOOS=true';
const BAKERY = 'https://www.ocado.com/browse/bakery-25189?hideOOS=true';

/** A three-file scrape in the real layout, with the real file's quirks. */
function writeScrape(dir: string): void {
  writeFileSync(
    join(dir, 'oc_category.csv'),
    `category,link\nFresh & Chilled Food,${FRESH}\nBakery,${BAKERY}\n`,
  );
  writeFileSync(
    join(dir, 'oc_product_general.csv'),
    [
      'title,weight,price,shelf_life,images,product_link,category_link',
      `Ocado Houmous,200g,£1,LIFE 5d+,img,${LINK}/ocado-houmous-11,${FRESH}`,
      `"M&S Sourdough, Sliced",400g,£2.30,NA,img,${LINK}/m-s-sourdough-22,${BAKERY}`,
      // Listed again under another category, at the same price: the first row wins.
      `"M&S Sourdough, Sliced",400g,£2.30,NA,img,${LINK}/m-s-sourdough-22,${FRESH}`,
      `Lemon Drink,,99p,NA,img,${LINK}/lemon-drink-33,${FRESH}`,
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'oc_product_extra.csv'),
    [
      'product_link,badge,ingredient,brand,country,rating,count,recommend',
      `${LINK}/ocado-houmous-11,Suitable for vegetarians,"Chickpeas (60%), Tahini",Ocado,UK,4.4,20,90`,
      `${LINK}/m-s-sourdough-22,NA,NA,M&S,NA,NA,NA,NA`,
    ].join('\n'),
  );
}

describe('ocado prices and skus', () => {
  it('reads pounds, whole pounds and pence', () => {
    expect(ocadoPrice('£2.30')).toBe(2.3);
    expect(ocadoPrice('£115')).toBe(115);
    expect(ocadoPrice('99p')).toBe(0.99);
    expect(ocadoPrice('2.30 EUR')).toBeUndefined();
  });

  it('takes the numeric tail of product_link as the sku', () => {
    expect(ocadoSku(`${LINK}/ocado-shredded-shrooms-570612011`)).toBe('570612011');
    expect(ocadoSku(`${LINK}/no-id-here`)).toBeUndefined();
  });
});

describe('readOcadoTruth on a small scrape', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocado-truth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeScrape(dir);
  const truth = readOcadoTruth(dir);

  it('has one product per link, the first row winning', () => {
    expect(truth.products.map((p) => p.sku)).toEqual(['11', '22', '33']);
    expect(truth.bySku.get('22')?.categoryPath).toEqual(['Bakery']);
  });

  it('joins brand and rating where the extra file states them, and never invents them', () => {
    const houmous = truth.bySku.get('11');
    expect(houmous).toMatchObject({ brand: 'Ocado', rating: 4.4, ratingCount: 20, price: 1 });
    expect(houmous?.attributes).toMatchObject({
      weight: '200g',
      badge: 'suitable for vegetarians',
    });
    expect(houmous?.text).toContain('tahini');
    const sourdough = truth.bySku.get('22');
    expect(sourdough?.brand).toBe('M&S');
    expect(sourdough?.rating).toBeUndefined();
    expect(sourdough?.ratingCount).toBeUndefined();
    expect(sourdough?.attributes.shelf_life).toBeUndefined();
    expect(truth.bySku.get('33')).toMatchObject({ price: 0.99, attributes: {} });
    expect(truth.bySku.get('33')?.brand).toBeUndefined();
  });

  it('says what the file holds: ratings and brands for some, stock for none; pounds', () => {
    expect(truth.has).toEqual({ rating: true, stock: false, brand: true });
    expect(truth.currency).toBe('GBP');
  });
});

describe('readOcadoTruth on the real scrape', () => {
  const truth = readOcadoTruth(join(kitFolder(), 'ocado-grocery'));

  it('reads every distinct product of the general file, priced', () => {
    expect(truth.products).toHaveLength(8920);
    expect(truth.products.every((p) => p.price > 0 && /^\d+$/.test(p.sku))).toBe(true);
  });

  it('joins the extra file (about a thousand brands and ratings)', () => {
    expect(truth.products.filter((p) => p.brand !== undefined)).toHaveLength(992);
    expect(truth.products.filter((p) => p.rating !== undefined)).toHaveLength(944);
    expect(truth.products.filter((p) => p.ratingCount !== undefined)).toHaveLength(944);
  });
});
