/**
 * Understanding and retrieval together on small stores shaped like real ones (deep category
 * paths, brand marks, run-together words), through the real catalog: nothing here is the demo.
 */
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../catalog/catalog';
import { ELECTRONICS_STORE, GROCERY_STORE, stocked } from '../catalog/vocabulary/fixtures';
import { retrieveProducts } from './retrieve';
import { parseQuestion } from './understand/parse-question';
import { context } from './understand/test-fixtures';
import { vocabularyOf } from './understand/vocabulary';

function storeOf(products: Parameters<typeof createCatalog>[0]) {
  const catalog = createCatalog(products);
  const vocabulary = vocabularyOf(catalog);
  return (question: string) => {
    const understanding = parseQuestion(question, context(), vocabulary);
    const retrieval = retrieveProducts(understanding, context(), catalog);
    return { understanding, ...retrieval, skus: retrieval.products.map((p) => p.sku) };
  };
}

const electronics = storeOf(ELECTRONICS_STORE);
const grocery = storeOf(GROCERY_STORE);

describe('questions to an electronics store with a department-store tree', () => {
  it('finds TVs, not the mounts and antennas named after them', () => {
    expect(electronics('cheapest tv').skus).toEqual(['tv3']);
    expect(electronics('show me televisions').skus.sort()).toEqual(['tv1', 'tv2', 'tv3']);
    expect(electronics('a tv mount').skus).toEqual(['mt1']);
  });

  it('finds every kind of laptop, within the budget', () => {
    const r = electronics('laptops under 700');
    expect(r.skus.sort()).toEqual(['cb1', 'lp1', 'lp2']);
    expect(r.alternatives).toBe(false);
    expect(electronics('a laptop stand').skus).toEqual(['ls1']);
  });

  it('matches brands however the store marks them', () => {
    const r = electronics('APPLE laptops');
    expect(r.understanding.query.brands).toEqual(['Apple®']);
    expect(r.skus).toEqual(['mb1']);
    expect(electronics('insignia tv').skus).toEqual(['tv3']);
  });

  it('flags products that only come near what was asked as alternatives', () => {
    // "rokku" is nowhere in the store (Roku is, as a typo); "stand" is, but not in a streaming
    // product; "bose" matches nothing at all.
    const typo = electronics('anything from rokku?');
    expect(typo.skus.length).toBeGreaterThan(0);
    expect(typo.alternatives).toBe(true);
    expect(electronics('anything from bose?').skus).toEqual([]);
    expect(electronics('streaming stand').alternatives).toBe(true);
    expect(electronics('streaming stick').alternatives).toBe(false);
  });

  it('searches a category word the store files elsewhere as text', () => {
    const r = electronics('streaming stick');
    expect(r.skus[0]).toBe('st1');
  });
});

describe('questions to a clothing store whose categories list several things', () => {
  const clothing = storeOf([
    stocked('h1', 'Pullover Hoodie', ['Women', 'Tops', 'Hoodies & Sweatshirts'], 48),
    stocked('h2', 'Funnel Sweatshirt', ['Women', 'Tops', 'Hoodies & Sweatshirts'], 40),
    stocked('h3', 'Zip Hoodie', ['Men', 'Tops', 'Hoodies & Sweatshirts'], 52),
    stocked('t1', 'Radiant Tee', ['Women', 'Tops', 'Tees'], 22),
  ]);

  it('ranks the thing asked for first within a shared category', () => {
    expect(clothing('hoodies').skus).toEqual(['h1', 'h3']);
    expect(clothing('cheapest hoodie').skus).toEqual(['h1']);
    expect(clothing('womens hoodie').skus[0]).toBe('h1');
    expect(clothing('a tee').skus).toEqual(['t1']);
    // A word of any level of the path finds the product.
    expect(clothing('mens hoodie').skus[0]).toBe('h3');
  });
});

describe('questions to a bag store', () => {
  const bags = storeOf([
    stocked('c1', 'Zip Makeup Pouch', ['Bags', 'Cosmetic & Toiletry Bags'], 28),
    stocked('t1', 'Unlined Leather Tote', ['Bags', 'Totes'], 195),
    stocked('t2', 'Canvas Tote', ['Bags', 'Totes'], 129),
    stocked('h1', 'Convertible Handbag', ['Bags', 'Handbags'], 189),
  ]);

  it('reads a head noun shared by a list of things ("Cosmetic & Toiletry Bags")', () => {
    expect(bags('cosmetic bag').skus).toEqual(['c1']);
  });

  it('keeps typo matches out when the word itself is sold', () => {
    const home = storeOf([
      stocked('s1', 'Grey Sofa', ['Home'], 29.99),
      stocked('j1', 'Soft Winter Jacket', ['Apparel'], 49.99),
    ]);
    expect(home('looking for a sofa').skus).toEqual(['s1']);
    expect(home('a sofaa').skus).toEqual(['s1']);
  });

  it('finds a thing filed where no category names it, by its name', () => {
    const totes = storeOf([
      stocked('t2', 'Canvas Tote', ['Bags', 'Totes'], 129),
      stocked('s1', 'Shopper Tote (choice of color) – Tan', ['Shopper'], 89),
      stocked('s2', 'Tote Strap', ['Straps'], 19),
      stocked('r1', 'Leather Tote Repair Kit', ['Bags', 'Care'], 9),
    ]);
    expect(totes('cheapest tote').skus).toEqual(['s1']);
    expect(totes('totes').skus).toEqual(['t2', 's1']);
  });

  it('narrows a category by one more word like a facet', () => {
    expect(bags('leather tote').skus).toEqual(['t1']);
  });
});

describe('model names and sizes', () => {
  it('matches a model by its number exactly', () => {
    expect(electronics('roku 3').skus).toEqual(['st2']);
    expect(electronics('Galaxy S24').skus).toEqual(['ph3']);
    expect(electronics('iphone 5s').skus).toEqual(['ph2']);
    expect(electronics('GoPro Hero3+').skus).toEqual(['gp1']);
  });

  it('says a model the store does not carry is not carried, and offers others as alternatives', () => {
    const r = electronics('Do you have the iPhone 6?');
    expect(r.notCarried).toBe(true);
    expect(r.alternatives).toBe(true);
    expect(r.missing).toEqual(['iphone6']);
    expect(electronics('iphone 15').notCarried).toBeUndefined();
  });

  it('reads a size however it is written', () => {
    for (const q of ['55 inch tv', '55" tv', '55-inch TV', '55in tv']) {
      expect(electronics(q).skus, q).toEqual(['tv1']);
    }
    expect(electronics('65 inch tv').skus).toEqual(['tv2']);
    expect(electronics('laptop with 16GB').skus).toEqual(['lp1']);
    const r = electronics('85 inch tv');
    expect(r.notCarried).toBe(true);
    expect(r.skus.length).toBeGreaterThan(0);
  });
});

describe('questions to a grocer with run-together category names', () => {
  it('finds the category by its words', () => {
    expect(grocery('soft drinks').skus.sort()).toEqual(['g4', 'g5']);
    expect(grocery('cheapest eggs').skus).toEqual(['g3']);
  });

  it('finds a word the store never uses by the synonym it does', () => {
    const greens = storeOf([
      ...GROCERY_STORE,
      stocked('v1', 'British Courgettes x3', ['Fresh', 'Vegetables'], 1.1),
    ]);
    expect(greens('zucchini').skus).toEqual(['v1']);
  });

  it('matches pack sizes written with or without a space', () => {
    expect(grocery('milk 2.25kg').skus).toEqual(['g1']);
    expect(grocery('500 ml milk').skus).toEqual(['g2']);
    expect(grocery('anything in 500ml').skus.sort()).toEqual(['g2', 'g4']);
  });
});
