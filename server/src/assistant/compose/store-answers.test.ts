/**
 * Local answers on products shaped like real stores' exports: INR / GBP / EUR prices, no
 * rating or stock, long Amazon-style names, HTML entities. Every fact stated must be one the
 * store gave.
 */
import type { Product, ProductQueryInput } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import type { AnswerInput } from '../types';
import { context } from '../understand/test-fixtures';
import { catalogOutline } from './catalog-outline';
import { composeAnswer } from './compose-answer';
import { BACKPACK, BAG, BANANAS, CABLE, EARPHONES, TEA } from './store-fixtures';
import { answerInputOf, understandingOf } from './test-inputs';

const understanding = understandingOf;

const answer = (
  over: Partial<AnswerInput> & Pick<AnswerInput, 'question' | 'understanding'>,
  products: readonly Product[] = [],
): string => composeAnswer(answerInputOf(over), catalogOutline(products));

const follow = (query: ProductQueryInput, references: number[]) =>
  understanding('product_inquiry', query, { followUp: true, references });

/** Claims an answer may only make when the store gave the field. */
const RATING_CLAIM = /rated|rating|\d(?:\.\d)?\/5|not rated/i;
const STOCK_CLAIM = /in stock|out of stock|available|left\b|sold out/i;

describe('store answers: only the facts the store gave', () => {
  it('lists Amazon-style products in rupees, with ratings and counts but no stock', () => {
    const text = answer({
      question: 'usb cables',
      understanding: understanding('product_inquiry', { text: 'usb cable' }),
      products: [CABLE, EARPHONES],
      currency: 'INR',
    });
    expect(text).toContain('₹399, rated 4.2/5 (24,269 ratings).');
    expect(text).toContain('₹1,099, rated 4.1/5 (1 rating).');
    expect(text).not.toMatch(STOCK_CLAIM);
    expect(text).not.toMatch(/\$/);
    expect(text).not.toMatch(/&#\d+;|&amp;|<\/?p>|<br>/);
    expect(text).toContain(
      '**boAt Bassheads 100 in Ear Wired Earphones with Mic® (Black)** (boAt®)',
    );
  });

  it('writes long names short in the text', () => {
    const text = answer({
      question: 'cables',
      understanding: understanding('product_inquiry', { text: 'cable' }),
      products: [CABLE],
      currency: 'INR',
    });
    const names = [...text.matchAll(/\*\*(.+?)\*\*/g)].map((m) => m[1] ?? '');
    expect(names).toEqual(['Wayona Nylon Braided USB to Lightning Fast Charging and Data Sync…']);
    expect(CABLE.name.startsWith((names[0] ?? '').replace('…', ''))).toBe(true);
  });

  it('lists grocery in pounds with no rating, stock or brand invented', () => {
    const text = answer({
      question: 'fruit and tea',
      understanding: understanding('product_inquiry', { text: 'fruit tea' }),
      products: [BANANAS, TEA],
      currency: 'GBP',
    });
    expect(text).toContain('1. **Ocado Fairtrade Bananas** — £2.30. Fairtrade bananas, loose.');
    expect(text).toContain('2. **Yorkshire Tea 80 Tea Bags** (Yorkshire Tea) — £3.50.');
    expect(text).not.toMatch(RATING_CLAIM);
    expect(text).not.toMatch(STOCK_CLAIM);
    expect(text).not.toMatch(/\(\)/);
  });

  it('words a superlative and a budget in the store currency and category name', () => {
    const text = answer({
      question: 'cheapest tea under £5',
      understanding: understanding('product_inquiry', {
        category: 'Tea',
        sort: 'price_asc',
        limit: 1,
        maxPrice: 5,
      }),
      products: [TEA],
      currency: 'GBP',
    });
    expect(text).toMatch(
      /^The cheapest product in Tea up to £5 we have is the \*\*Yorkshire Tea 80 Tea Bags\*\* by Yorkshire Tea at £3\.50\. A proper brew\./,
    );
    expect(text).toContain('It fits your budget (up to £5).');
    expect(text).not.toMatch(RATING_CLAIM);
  });

  it('says it cannot rank by rating when the store rated none of them', () => {
    const text = answer({
      question: 'best rated tea',
      understanding: understanding('product_inquiry', { text: 'tea', sort: 'rating_desc' }),
      products: [TEA, BANANAS],
      currency: 'GBP',
    });
    expect(text).not.toMatch(/highest rated/);
    expect(text).toContain("This store doesn't list ratings for these products");
  });

  it('states availability words when the store gave no count', () => {
    const text = answer({
      question: 'bags',
      understanding: understanding('product_inquiry', { category: 'Bags' }),
      products: [BAG, BACKPACK],
      currency: 'EUR',
    });
    expect(text).toMatch(/^Here are 2 products in Bags:/);
    expect(text).toContain('**Joust Duffle Bag** — €34, rated 3.7/5 (3 ratings), in stock.');
    expect(text).toContain('**Strive Shoulder Pack** — €32.99, out of stock.');
  });

  it('treats a brand with a mark as the same brand', () => {
    const text = answer({
      question: 'boat earphones under 500 rupees',
      understanding: understanding('product_inquiry', { brands: ['boAt'], maxPrice: 500 }),
      products: [EARPHONES],
      alternatives: true,
      currency: 'INR',
    });
    expect(text).toContain('(above your ₹500 limit)');
    expect(text).not.toMatch(/not boAt/);
    const preferred = answer({
      question: 'earphones',
      understanding: understanding('product_inquiry', { text: 'earphones' }),
      products: [EARPHONES, CABLE],
      context: context({ preferences: { preferred_brands: ['BOAT'] } }),
      currency: 'INR',
    });
    expect(preferred).toContain('is from one of your preferred brands.');
  });

  it('describes alternatives in the store currency', () => {
    const text = answer({
      question: 'earphones under 500 rupees',
      understanding: understanding('product_inquiry', { text: 'earphones', maxPrice: 500 }),
      products: [EARPHONES],
      alternatives: true,
      currency: 'INR',
    });
    expect(text).toContain('₹1,099 (above your ₹500 limit), rated 4.1/5');
    expect(text).toMatch(/up to ₹500/);
  });
});

describe('store answers: what the shopper asked for, in their words', () => {
  it('does not repeat "in stock" as a claim when the store gives no stock', () => {
    const text = answer({
      question: 'Is the Yorkshire tea in stock?',
      understanding: understanding('product_inquiry', { text: 'yorkshire tea', inStockOnly: true }),
      products: [TEA],
      currency: 'GBP',
    });
    expect(text).toMatch(/^Here is one product matching "yorkshire tea":/);
    expect(text).toContain(
      "The store doesn't list stock for it, so I can't tell you its availability.",
    );
    const alternatives = answer({
      question: 'any plantain in stock?',
      understanding: understanding('product_inquiry', { text: 'plantain', inStockOnly: true }),
      products: [BANANAS, TEA],
      alternatives: true,
      currency: 'GBP',
    });
    expect(alternatives).toMatch(
      /^I couldn't find an exact match for products matching "plantain"\./,
    );
    expect(alternatives).toContain("The store doesn't list stock for these");
  });

  it('quotes the search words only as the shopper wrote them', () => {
    const normalised = answer({
      question: 'is the boAt Airdopes 141 in stock?',
      understanding: understanding('product_inquiry', { text: 'boat airdopes 141in' }),
      products: [EARPHONES],
      alternatives: true,
      currency: 'INR',
    });
    expect(normalised).toMatch(/^I couldn't find an exact match for that\. Here are the closest/);
    const none = answer({
      question: 'a bottle of prosecco',
      understanding: understanding('product_inquiry', { text: 'bottle prosecco' }),
    });
    expect(none).toMatch(/^Sorry, I couldn't find any products like that in our catalog\./);
    const quoted = answer({
      question: 'Do you have USB-cables?',
      understanding: understanding('product_inquiry', { text: 'usb cables' }),
      products: [CABLE],
      currency: 'INR',
    });
    expect(quoted).toMatch(/^Here is one product matching "usb cables":/);
  });

  it('keeps "in stock" when the store gives stock', () => {
    const text = answer({
      question: 'bags in stock',
      understanding: understanding('product_inquiry', { category: 'Bags', inStockOnly: true }),
      products: [BAG],
      currency: 'EUR',
    });
    expect(text).toMatch(/^Here is one product in Bags in stock:/);
    expect(text).not.toMatch(/doesn't list stock/);
  });

  it('says "cheaper than" the product shown, not a budget nobody set', () => {
    const shown = context({ lastShown: [{ ...TEA, price: 27 }] });
    const u = understanding('product_inquiry', {
      category: 'Tea',
      maxPrice: 26.99,
      sort: 'price_desc',
      limit: 1,
    });
    const text = answer({
      question: 'something cheaper?',
      understanding: u,
      products: [TEA],
      context: shown,
      currency: 'GBP',
    });
    expect(text).toMatch(
      /^The most expensive product in Tea cheaper than £27 we have is the \*\*Yorkshire Tea 80 Tea Bags\*\*/,
    );
    expect(text).not.toMatch(/26\.99|your budget/);
    const none = answer({
      question: 'something cheaper?',
      understanding: understanding('product_inquiry', { category: 'Tea', maxPrice: 26.99 }),
      products: [{ ...TEA, price: 30 }],
      alternatives: true,
      context: shown,
      currency: 'GBP',
    });
    expect(none).toMatch(/^I couldn't find an exact match for products in Tea cheaper than £27\./);
    expect(none).toContain('£30 (not cheaper than £27)');
    expect(none).not.toMatch(/26\.99/);
  });

  it('still words a budget the shopper stated as theirs', () => {
    const shown = context({ lastShown: [{ ...TEA, price: 27 }] });
    const text = answer({
      question: 'tea under £5',
      understanding: understanding('product_inquiry', { category: 'Tea', maxPrice: 5 }),
      products: [TEA],
      context: shown,
      currency: 'GBP',
    });
    expect(text).toContain('It fits your budget (up to £5).');
  });
});

describe('store answers: follow-ups', () => {
  it('says the store lists no stock instead of guessing', () => {
    const text = answer({
      question: 'is the first one in stock?',
      understanding: follow({ limit: 1 }, [0]),
      products: [CABLE],
      context: context({ lastShown: [CABLE] }),
      currency: 'INR',
    });
    expect(text).toMatch(/^The store doesn't list stock for the \*\*Wayona .+…\*\* \(₹399\)\./);
    expect(text).not.toMatch(/out of stock|in stock/);
  });

  it('answers stock from availability words', () => {
    const text = answer({
      question: 'are they in stock?',
      understanding: follow({ limit: 2 }, [0, 1]),
      products: [BAG, BACKPACK],
      context: context({ lastShown: [BAG, BACKPACK] }),
      currency: 'EUR',
    });
    expect(text).toContain('Yes — the **Joust Duffle Bag** is in stock at €34.');
    expect(text).toContain('The **Strive Shoulder Pack** is currently out of stock.');
  });

  it('compares only the fields the products have', () => {
    const text = answer({
      question: 'compare them',
      understanding: follow({ limit: 2 }, [0, 1]),
      products: [BANANAS, TEA],
      context: context({ lastShown: [BANANAS, TEA] }),
      currency: 'GBP',
    });
    expect(text).toMatch(/^Here is how they compare:/);
    expect(text).toContain('- **Ocado Fairtrade Bananas**: £2.30. Fairtrade bananas, loose.');
    expect(text).toContain('The **Ocado Fairtrade Bananas** is the cheapest at £2.30.');
    expect(text).not.toMatch(RATING_CLAIM);
    expect(text).not.toMatch(STOCK_CLAIM);
  });

  it('compares facets both products have, and ratings only among rated ones', () => {
    const text = answer({
      question: 'which is better?',
      understanding: follow({ limit: 2 }, [0, 1]),
      products: [BAG, BACKPACK],
      context: context({ lastShown: [BAG, BACKPACK] }),
      currency: 'EUR',
    });
    expect(text).toContain(
      '- **Joust Duffle Bag**: €34, rated 3.7/5 (3 ratings), in stock; Material: Nylon; Strap: Adjustable.',
    );
    expect(text).toContain(
      '- **Strive Shoulder Pack**: €32.99, out of stock; Material: Polyester; Strap: Shoulder.',
    );
    expect(text).toContain('The **Strive Shoulder Pack** is the cheapest at €32.99.');
    expect(text).not.toMatch(/best rat/);
  });

  it('tells more with the full name, plain description and facets', () => {
    const text = answer({
      question: 'tell me more about it',
      understanding: follow({ limit: 1 }, [0]),
      products: [EARPHONES, CABLE],
      context: context({ lastShown: [EARPHONES, CABLE] }),
      currency: 'INR',
    });
    expect(text).toContain(
      '**boAt Bassheads 100 in Ear Wired Earphones with Mic® (Black)** by boAt® — ₹1,099, rated 4.1/5 (1 rating).\nThe perfect way to add some style & stand out from the crowd. Impressive sound.',
    );
    expect(text).toContain(`Full name: ${CABLE.name}.`);
    expect(text).not.toMatch(/<|&#|&amp;/);
  });

  it('tells more about a product with no description without a blank line', () => {
    const text = answer({
      question: 'tell me more about it',
      understanding: follow({ limit: 1 }, [0]),
      products: [{ ...BANANAS, description: '', attributes: { Weight: '1kg' } }],
      context: context({ lastShown: [BANANAS] }),
      currency: 'GBP',
    });
    expect(text).toBe(
      '**Ocado Fairtrade Bananas** — £2.30.\nDetails: Weight: 1kg.\n\nWant me to add it to your cart?',
    );
  });

  it('guides to the cart with no stock caveat the store did not give', () => {
    const text = answer({
      question: 'add it to my cart',
      understanding: understanding('sales', { limit: 1 }, { followUp: true, references: [0] }),
      products: [TEA],
      context: context({ lastShown: [TEA] }),
      currency: 'GBP',
    });
    expect(text).toBe(
      'I can add the **Yorkshire Tea 80 Tea Bags** (£3.50) to your cart — use cart add with SKU 211453011. Then check out whenever you are ready.',
    );
  });
});

describe('store answers: greeting and fallbacks', () => {
  const STORE = [CABLE, EARPHONES, BANANAS, TEA, BAG, BACKPACK];

  it('greets with the store’s own top-level categories as written', () => {
    const text = answer({ question: 'hi', understanding: understanding('greeting') }, STORE);
    expect(text).toContain(
      'products across Gear, Computers&Accessories, Electronics, Food Cupboard and Fresh Food,',
    );
    expect(text).not.toMatch(/accessorie?s\b|beautys|furnitures|gears/);
  });

  it('suggests a few categories related to the question when nothing matches', () => {
    const text = answer(
      {
        question: 'Do you have any herbal tea?',
        understanding: understanding('product_inquiry', { text: 'herbal' }),
      },
      STORE,
    );
    expect(text).toBe(
      'Sorry, I couldn\'t find any "herbal" in our catalog. You might find something close in Tea or Tea & Coffee — want me to look there?',
    );
  });

  it('relates a plural category name to the word asked', () => {
    const mice = { ...TEA, sku: 'm1', category: 'Mice', category_path: ['Computers', 'Mice'] };
    const text = answer(
      {
        question: 'a vertical mouse?',
        understanding: understanding('product_inquiry', { text: 'vertical mouse' }),
      },
      [...STORE, mice],
    );
    expect(text).toMatch(/You might find something close in Mice — want me to look there\?$/);
  });

  it('suggests at most five of the biggest top-level categories otherwise', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      ...TEA,
      sku: `s${i}`,
      category: `Leaf ${i}`,
      category_path: [`Dept ${i % 8}`, `Leaf ${i}`],
    }));
    const big = Array.from({ length: 5 }, (_, i) => ({
      ...TEA,
      sku: `b${i}`,
      category_path: ['Dept 7', 'X'],
    }));
    const text = answer(
      { question: 'drones', understanding: understanding('product_inquiry', { text: 'drones' }) },
      [...many, ...big],
    );
    expect(text).toBe(
      'Sorry, I couldn\'t find any "drones" in our catalog. We carry Dept 7, Dept 0, Dept 1, Dept 2 and Dept 3 — want me to show you some of those?',
    );
  });
});

describe('store answers: policy questions without documents', () => {
  it.each([
    ['What is your return policy?', "I don't have this store's return policy"],
    ['How long does shipping take?', "I don't have this store's shipping policy"],
    ['Do you price match?', "I don't have this store's price-match policy"],
    ['Is there a warranty on it?', "I don't have this store's warranty terms"],
    ['Can I pay with PayPal?', "I don't have this store's payment options"],
    ['Tell me about your policies', "I don't have this store's policy on that"],
  ])('%s -> says it does not have it', (question, start) => {
    const text = answer({ question, understanding: understanding('faq') });
    expect(text.startsWith(start)).toBe(true);
    expect(text).toMatch(/contact the store/);
    expect(text).not.toMatch(/\d|\$|days|free/);
  });
});
