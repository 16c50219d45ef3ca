import { type Product, ProductQuerySchema } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../catalog/catalog';
import type { Catalog } from '../catalog/types';
import { retrieveProducts } from './retrieve';
import type { QuestionContext } from './types';
import { parseQuestion } from './understand/parse-question';
import { refineUnderstanding } from './understand/refine';
import { context } from './understand/test-fixtures';
import { vocabularyOf } from './understand/vocabulary';
import type { Understanding } from './understanding-schema';

/**
 * Questions asked of small stores of other domains (a hardware store, a pet shop) through the
 * real parser, catalog and retrieval: the general causes behind the real catalogs' failures.
 */

const item = (
  p: Partial<Product> & Pick<Product, 'sku' | 'name' | 'category' | 'price'>,
): Product => ({ brand: '', description: '', tags: [], ...p });

const HARDWARE: Product[] = [
  item({
    sku: 'H1',
    name: 'Cordless Drill Charger 18V',
    category: 'Drills',
    price: 19,
    rating: 4.9,
  }),
  item({
    sku: 'H2',
    name: 'Torque Cordless Drill 18V',
    category: 'Drills',
    price: 89,
    rating: 4.6,
  }),
  item({ sku: 'H3', name: 'Hammer Drill 800W', category: 'Drills', price: 69, rating: 4.4 }),
  item({ sku: 'H4', name: 'Carry Case for Drill', category: 'Drills', price: 15, rating: 4.8 }),
  item({ sku: 'H5', name: 'Claw Hammer', category: 'Hand Tools', price: 12, rating: 4.5 }),
  item({ sku: 'H6', name: 'Tape Measure 5m', category: 'Hand Tools', price: 8, rating: 4.2 }),
];

function ask(catalog: Catalog, question: string, ctx: QuestionContext = context()) {
  const understanding = parseQuestion(question, ctx, vocabularyOf(catalog));
  return { understanding, ...retrieveProducts(understanding, ctx, catalog) };
}

const names = (r: { products: Product[] }) => r.products.map((p) => p.name);

describe('a kind of product asked for: the thing before its accessories', () => {
  const hardware = createCatalog(HARDWARE);

  it('the best rated drill is a drill, not its better rated charger or case', () => {
    expect(names(ask(hardware, 'best rated drill'))).toEqual(['Torque Cordless Drill 18V']);
  });

  it('lists the drills first, their accessories after', () => {
    expect(names(ask(hardware, 'I need a drill'))).toEqual([
      'Torque Cordless Drill 18V',
      'Hammer Drill 800W',
      'Cordless Drill Charger 18V',
      'Carry Case for Drill',
    ]);
  });

  it('finds the accessory first when the shopper asks for it', () => {
    expect(names(ask(hardware, 'drill charger'))[0]).toBe('Cordless Drill Charger 18V');
  });

  it('ranks the thing first among the products shown when asked for the best of them', () => {
    const first = ask(hardware, 'drills');
    const ctx = context({
      lastShown: first.products,
      lastSearch: { query: first.understanding.query },
    });
    const cheapest = ProductQuerySchema.parse({ sort: 'price_asc', limit: 1 });
    const followUp: Understanding = {
      intent: 'product_inquiry',
      query: cheapest,
      references: [],
      followUp: true,
    };
    expect(names(retrieveProducts(followUp, ctx, hardware))).toEqual(['Hammer Drill 800W']);
  });
});

const PETS: Product[] = [
  item({ sku: 'P1', name: 'Pet Shop Gift Card', category: 'Vouchers', price: 25 }),
  item({ sku: 'P2', name: 'Gift Card Holder', category: 'Stationery', price: 4 }),
  item({ sku: 'P3', name: 'Chew Toy Bone', category: 'Dog Toys', price: 6, rating: 4.1 }),
  item({ sku: 'P4', name: 'Rope Tug Toy', category: 'Dog Toys', price: 9, rating: 4.7 }),
  item({ sku: 'P5', name: 'Catnip Mouse', category: 'Cat Toys', price: 3, rating: 4.4 }),
];

describe('a policy word that names a product the store sells', () => {
  it('shows the gift cards a product name names', () => {
    const r = ask(createCatalog(PETS), 'Can I buy a gift card?');
    expect(r.understanding.intent).toBe('product_inquiry');
    expect(names(r)[0]).toBe('Pet Shop Gift Card');
  });

  it('shows the gift cards of a category named for them', () => {
    const cards = [
      ...HARDWARE,
      item({ sku: 'G1', name: 'Hardware Voucher $50', category: 'Gift Cards', price: 50 }),
    ];
    const r = ask(createCatalog(cards), 'a $50 gift card');
    expect(r.understanding.intent).toBe('product_inquiry');
    expect(names(r)).toEqual(['Hardware Voucher $50']);
  });

  it('stays a policy question when the store sells only something for the thing', () => {
    const r = ask(createCatalog(PETS.filter((p) => p.sku !== 'P1')), 'Can I buy a gift card?');
    expect(r.understanding.intent).toBe('faq');
  });

  it('stays a policy question when it asks how to pay', () => {
    const r = ask(createCatalog(PETS), 'Can I pay with a gift card?');
    expect(r.understanding.intent).toBe('faq');
  });
});

describe('a brand the store writes in names, not in the brand field', () => {
  const shop = createCatalog([
    item({ sku: 'B1', name: 'Pawsome Puppy Biscuits', category: 'Dog Food', price: 3 }),
    item({ sku: 'B2', name: 'Pawsome Adult Kibble', category: 'Dog Food', price: 12 }),
    item({
      sku: 'B3',
      name: 'Trailmix Puppy Biscuits',
      category: 'Dog Food',
      price: 2,
      brand: 'Trailmix',
    }),
    item({ sku: 'B4', name: 'Pawsomely Soft Bed', category: 'Beds', price: 30, brand: '' }),
    item({ sku: 'B5', name: 'Pawsome Biscuit Tin', category: 'Storage', price: 8, brand: 'Other' }),
    item({ sku: 'B6', name: 'Ball Launcher', category: 'Dog Toys', price: 20, brand: 'Pawsome' }),
  ]);

  it('filters by the brand in the names of unbranded products, with search words', () => {
    const r = shop.search({ text: 'biscuits', brands: ['Pawsome'], sort: 'relevance', limit: 5 });
    expect(r.map((h) => h.product.sku)).toEqual(['B1']);
  });

  it('filters by it without search words, beside the products that have the brand field', () => {
    const r = shop.search({ text: '', brands: ['pawsome'], sort: 'price_asc', limit: 5 });
    expect(r.map((h) => h.product.sku)).toEqual(['B1', 'B2', 'B6']);
  });
});

const BEDS: Product[] = [
  item({ sku: 'D1', name: 'Orthopedic Dog Bed', category: 'Dog Beds', price: 60, rating: 4.6 }),
  item({ sku: 'D2', name: 'Donut Dog Bed', category: 'Dog Beds', price: 35, rating: 4.3 }),
  item({ sku: 'D3', name: 'Snooze Bed', category: 'Clearance', price: 20 }),
  item({ sku: 'D4', name: 'Marlow Lead', category: 'Leads', price: 15 }),
  item({ sku: 'D5', name: 'Cosy Cat Blanket', category: 'Cat Beds', price: 18 }),
];

describe('words the store does not use', () => {
  const shop = createCatalog(BEDS);

  it('a describing word no product holds does not veto the kind asked for', () => {
    const r = ask(shop, 'plushy dog bed');
    expect(r.alternatives).toBe(false);
    expect(names(r)).toContain('Donut Dog Bed');
  });

  it('a typo of a word the store uses still narrows', () => {
    expect(names(ask(shop, 'orthopedc dog bed'))[0]).toBe('Orthopedic Dog Bed');
  });

  it('an interjection is no search word', () => {
    const r = ask(shop, 'hmm, any dog beds?');
    expect(r.understanding.query.text).not.toContain('hmm');
    expect(r.alternatives).toBe(false);
  });

  it('a named product the store lacks is not matched by its kind word alone', () => {
    const r = ask(shop, 'Do you have the Marlow Bed?');
    expect(r).toMatchObject({ alternatives: true, notCarried: true, missing: ['marlow'] });
    expect(names(r)).toContain('Donut Dog Bed');
  });

  it('a name no product holds is not carried, not a typo of a word the store uses', () => {
    const r = ask(shop, 'Do you have any Donat dog beds?');
    expect(r).toMatchObject({ alternatives: true, notCarried: true, missing: ['donat'] });
  });

  it('the same word typed in lowercase is still read as a typo', () => {
    const r = ask(shop, 'donat dog bed');
    expect(r.notCarried).toBeUndefined();
    expect(names(r)[0]).toBe('Donut Dog Bed');
  });
});

const OUTDOOR: Product[] = [
  item({
    sku: 'O1',
    name: 'Ridge Shell',
    category: 'Coats',
    category_path: ['Men', 'Coats'],
    price: 90,
  }),
  item({
    sku: 'O2',
    name: 'Fjord Parka',
    category: 'Coats',
    category_path: ['Women', 'Coats'],
    price: 110,
  }),
  item({
    sku: 'O3',
    name: 'Summit Fleece',
    category: 'Fleeces',
    category_path: ['Women', 'Fleeces'],
    price: 40,
  }),
  item({
    sku: 'O4',
    name: 'Glen Insulated Coat',
    category: 'Coats',
    category_path: ['Women', 'Coats'],
    price: 75,
  }),
];

describe('who the product is for', () => {
  const shop = createCatalog(OUTDOOR);

  it('swaps the audience and keeps the kind of product: "what about for women?"', () => {
    const first = ask(shop, 'coats for men');
    expect(names(first)[0]).toBe('Ridge Shell');
    const ctx = context({
      lastShown: first.products,
      lastSearch: { query: first.understanding.query },
    });
    const next = parseQuestion('what about for women?', ctx, vocabularyOf(shop));
    const { understanding } = refineUnderstanding('what about for women?', next, ctx);
    expect(understanding.query.category).toBe('Coats');
    const r = retrieveProducts(understanding, ctx, shop);
    expect(names(r).slice(0, 2).sort()).toEqual(['Fjord Parka', 'Glen Insulated Coat']);
  });
});

describe('the best of every product the words name', () => {
  const dairy = createCatalog([
    item({ sku: 'M1', name: 'Barista Oat Milk', category: 'Chilled', price: 1.8 }),
    item({ sku: 'M2', name: 'Oat Drink Original 1L', category: 'Chilled', price: 1.2 }),
    item({ sku: 'M3', name: 'Oat Biscuits', category: 'Bakery', price: 0.9 }),
    item({ sku: 'M4', name: 'Soda Drink Lime', category: 'Soft Drinks', price: 0.5 }),
    item({ sku: 'M5', name: 'Unsweetened Soy Drink', category: 'Chilled', price: 1.1 }),
    item({ sku: 'M6', name: 'Whole Milk 2L', category: 'Chilled', price: 1.5 }),
  ]);

  it('the cheapest oat milk may be sold as an oat drink', () => {
    expect(names(ask(dairy, "What's the cheapest oat milk?"))).toEqual(['Oat Drink Original 1L']);
  });

  it('a synonym counts only as written, not as a typo of another word', () => {
    expect(names(ask(dairy, 'cheapest soya milk'))).toEqual(['Unsweetened Soy Drink']);
  });
});

describe('a kind filed under two categories that both name it', () => {
  it('finds the products named for it in the category that also holds other things', () => {
    const shop = createCatalog([
      item({ sku: 'L1', name: 'Rope Lead', category: 'Lead', price: 12 }),
      item({ sku: 'L2', name: 'Leather Lead', category: 'Leads & Collars', price: 25 }),
      item({ sku: 'L3', name: 'Nylon Collar', category: 'Leads & Collars', price: 9 }),
      item({ sku: 'L4', name: 'Catnip Mouse', category: 'Cat Toys', price: 3 }),
    ]);
    const r = ask(shop, 'do you sell leads?');
    expect(names(r).sort()).toEqual(['Leather Lead', 'Rope Lead']);
  });
});

describe('what products are called in this store', () => {
  const bakery = createCatalog([
    item({ sku: 'K1', name: 'Vanilla Coffee - Birthday Cake', category: 'Drinks', price: 3 }),
    item({ sku: 'K2', name: 'Happy Birthday Cake', category: 'Cakes', price: 12 }),
    item({ sku: 'K3', name: 'Lemon Drizzle Cake', category: 'Cakes', price: 6 }),
  ]);

  it('keeps a filler word that names the product with the next word, not the day', () => {
    const r = ask(bakery, 'I need a birthday cake for Saturday');
    expect(r.understanding.query.text).toContain('birthday');
    expect(r.understanding.query.text).not.toMatch(/saturday/i);
    expect(names(r)[0]).toBe('Happy Birthday Cake');
  });

  const audio = createCatalog([
    item({ sku: 'S1', name: 'Zoom Go 3 Speaker', category: 'Speakers', price: 40 }),
    item({ sku: 'S2', name: 'Zoom Go 2 Speaker', category: 'Speakers', price: 30, stock: 4 }),
  ]);

  it('reads a capitalised stop word before a number as a model name, "in stock" as no size', () => {
    const r = ask(audio, 'is the Zoom Go 2 in stock?');
    expect(r.understanding.query.inStockOnly).toBe(true);
    expect(r.notCarried).toBeUndefined();
    expect(names(r)[0]).toBe('Zoom Go 2 Speaker');
  });

  it('ranks a preferred brand named only in product names first', () => {
    const shop = createCatalog([
      item({
        sku: 'B1',
        name: 'Trailmix Puppy Biscuits',
        category: 'Dog Food',
        price: 2,
        brand: 'Trailmix',
        rating: 5,
      }),
      item({ sku: 'B2', name: 'Pawsome Puppy Biscuits', category: 'Dog Food', price: 3 }),
    ]);
    const ctx = context({ preferences: { preferred_brands: ['Pawsome'] } });
    expect(names(ask(shop, 'puppy biscuits', ctx))[0]).toBe('Pawsome Puppy Biscuits');
  });
});

describe('a qualified kind whose plain kind is in scope too', () => {
  it('lists the products that say every word first: a cordless drill before a plain drill', () => {
    const shop = createCatalog([
      item({ sku: 'C1', name: 'Hammer Drill 800W', category: 'Drills', price: 40, rating: 4.9 }),
      item({ sku: 'C2', name: 'Combi Drill 18V Cordless', category: 'Drills', price: 90 }),
      item({ sku: 'C3', name: 'Brushless Drill Driver', category: 'Cordless Drills', price: 80 }),
    ]);
    const r = ask(shop, 'cheapest cordless drill');
    expect(r.understanding.query.category).toBeDefined();
    expect(names(r)[0]).toBe('Brushless Drill Driver');
  });
});

describe('alternatives within a category the shopper named', () => {
  it('shows what the category holds after the few near the words', () => {
    const shop = createCatalog([
      item({
        sku: 'D1',
        name: 'Orthopedic Dog Bed',
        category: 'Dog Beds',
        price: 60,
        description: 'Comfy at home.',
      }),
      item({ sku: 'D2', name: 'Donut Dog Bed', category: 'Dog Beds', price: 35 }),
      item({
        sku: 'D4',
        name: 'Marlow Lead',
        category: 'Leads',
        price: 15,
        description: 'For working dogs.',
      }),
    ]);
    const r = ask(shop, 'anything for working at home, like dog beds?');
    expect(r.alternatives).toBe(true);
    expect(names(r)).toEqual(['Orthopedic Dog Bed', 'Donut Dog Bed']);
  });
});

describe('a model of a product line the store does not carry', () => {
  // An electronics shop filing phones and laptops under its own names.
  const shop = createCatalog([
    item({
      sku: 'E1',
      name: 'Apple - iPhone 5s 16GB Cell Phone (Unlocked)',
      brand: 'Apple®',
      category: 'Unlocked Cell Phones',
      category_path: ['Cell Phones', 'Unlocked Cell Phones'],
      price: 449.99,
    }),
    item({
      sku: 'E2',
      name: 'Apple - MacBook Air 13.3" Display - 8GB Memory',
      brand: 'Apple®',
      category: 'MacBooks',
      category_path: ['Computers', 'Laptops', 'MacBooks'],
      price: 999.99,
    }),
    item({
      sku: 'E3',
      name: 'HP - 14" Laptop - AMD Ryzen 5',
      brand: 'HP',
      category: 'PC Laptops',
      category_path: ['Computers', 'Laptops', 'PC Laptops'],
      price: 529.99,
    }),
  ]);

  it('"the iPhone 6" is not carried; the other iPhone comes first among the alternatives', () => {
    const r = ask(shop, 'Do you have the iPhone 6?');
    expect(r.notCarried).toBe(true);
    expect(r.missing).toContain('iphone6');
    expect(names(r)[0]).toBe('Apple - iPhone 5s 16GB Cell Phone (Unlocked)');
  });

  it('"the iPhone 5s" is carried', () => {
    const r = ask(shop, 'do you have the iphone 5s?');
    expect(r.notCarried).toBeUndefined();
    expect(names(r)).toEqual(['Apple - iPhone 5s 16GB Cell Phone (Unlocked)']);
  });

  it('a number after a plain kind is no model: "hp laptop 14" is not called not carried', () => {
    const r = ask(shop, 'hp laptop 14');
    expect(r.notCarried).toBeUndefined();
    expect(names(r)[0]).toBe('HP - 14" Laptop - AMD Ryzen 5');
  });
});
