import type { KnowledgeDoc, ProductQueryInput } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { context, PHONES, product, VOCABULARY } from '../understand/test-fixtures';
import { outlineOfNames } from './catalog-outline';
import { composeAnswer } from './compose-answer';
import { answerInputOf, understandingOf } from './test-inputs';

const understanding = understandingOf;
const input = answerInputOf;

const SHIPPING: KnowledgeDoc = {
  id: 'shipping-policy',
  title: 'Shipping policy',
  text: 'We ship to the US and Canada. Standard shipping takes 3-5 business days and costs $5.99; it is free on orders over $50. Express shipping takes 1-2 business days and costs $14.99.',
};
const RETURNS: KnowledgeDoc = {
  id: 'returns',
  title: 'Returns policy',
  text: 'You can return most products within 30 days of delivery. Returns are free.',
};

const prices = (text: string) => [...text.matchAll(/\$\d[\d,]*(?:\.\d{2})?/g)].map((m) => m[0]);
const bold = (text: string) => [...text.matchAll(/\*\*(.+?)\*\*/g)].map((m) => m[1]);

describe('composeAnswer: greeting and other', () => {
  it('welcomes and mentions only categories the catalog has', () => {
    const text = composeAnswer(
      input({ question: 'hi', understanding: understanding('greeting') }),
      outlineOfNames(['tv', 'laptop']),
    );
    expect(text).toMatch(/^Hi!/);
    expect(text).toMatch(/laptops and TVs/);
    expect(text).not.toMatch(/smartphone|camera/);
  });

  it('answers thanks politely', () => {
    expect(
      composeAnswer(input({ question: 'thanks!', understanding: understanding('greeting') })),
    ).toMatch(/welcome/i);
  });

  it('declines off-topic questions and says what it can do', () => {
    const text = composeAnswer(
      input({ question: 'tell me a joke', understanding: understanding('other') }),
      outlineOfNames(VOCABULARY.categories),
    );
    expect(text).toMatch(/shopping assistant/);
    expect(text).toMatch(/accessories, cameras/);
  });
});

describe('composeAnswer: product lists', () => {
  it('lists each product with exact price, brand, rating, stock and a fact', () => {
    const text = composeAnswer(
      input({
        question: 'phones between 400 and 1000',
        understanding: understanding('product_inquiry', {
          category: 'smartphone',
          minPrice: 400,
          maxPrice: 1000,
        }),
        products: PHONES,
      }),
    );
    expect(text).toMatch(/^Here are 3 smartphones between \$400 and \$1,000:/);
    expect(text).toContain(
      '1. **iPhone 15 Pro** (Apple) — $999, rated 4.7/5, in stock (42 available). iPhone 15 Pro by Apple.',
    );
    expect(text).toContain('**Galaxy S24** (Samsung) — $799, rated 4.6/5, out of stock.');
    expect(text).toMatch(/All of them fit your budget \(between \$400 and \$1,000\)\./);
    expect(text).toMatch(/add one to your cart/);
    expect(bold(text)).toEqual(PHONES.map((p) => p.name));
  });

  it('formats cents and thousands exactly', () => {
    const p = product({ sku: 'X', name: 'Pricey', brand: 'Sony', price: 1299.9, category: 'tv' });
    const text = composeAnswer(
      input({
        question: 'tvs',
        understanding: understanding('product_inquiry', { category: 'tv' }),
        products: [p],
      }),
    );
    expect(prices(text)).toEqual(['$1,299.90']);
  });

  it('names the single result of a singular superlative', () => {
    const text = composeAnswer(
      input({
        question: 'the cheapest phone',
        understanding: understanding('product_inquiry', {
          category: 'smartphone',
          sort: 'price_asc',
          limit: 1,
        }),
        products: [PHONES[2] ?? PHONES[0]].flatMap((p) => (p ? [p] : [])),
      }),
    );
    expect(text).toMatch(
      /^The cheapest smartphone we have is the \*\*Pixel 8a\*\* by Google at \$499/,
    );
  });

  it('says which products come from the preferred brands, and when none do', () => {
    const ctx = context({
      preferences: { preferred_brands: ['Google'], budget_range: '400-1000' },
    });
    const u = understanding(
      'product_inquiry',
      { category: 'smartphone', minPrice: 400, maxPrice: 1000 },
      { fromPreferences: { price: true } },
    );
    const text = composeAnswer(
      input({ question: 'phones', understanding: u, products: PHONES, context: ctx }),
    );
    expect(text).toMatch(/\*\*Pixel 8a\*\* is from one of your preferred brands\./);
    expect(text).toMatch(/your saved budget/);
    const none = composeAnswer(
      input({
        question: 'phones',
        understanding: u,
        products: PHONES.slice(0, 2),
        context: context({ preferences: { preferred_brands: ['Sony'] } }),
      }),
    );
    expect(none).toMatch(/None of these are from your preferred brands \(Sony\)/);
  });

  it('presents alternatives plainly, saying how each differs', () => {
    const text = composeAnswer(
      input({
        question: 'sony phones under 300',
        understanding: understanding('product_inquiry', {
          category: 'smartphone',
          brands: ['Sony'],
          maxPrice: 300,
        }),
        products: [PHONES[2]].flatMap((p) => (p ? [p] : [])),
        alternatives: true,
      }),
    );
    expect(text).toMatch(/^I couldn't find an exact match for smartphones from Sony up to \$300\./);
    expect(text).toMatch(/closest alternatives/);
    expect(text).toContain('**Pixel 8a** (Google) — $499 (above your $300 limit, not Sony)');
  });

  it('says when nothing matches and suggests categories that exist', () => {
    const text = composeAnswer(
      input({
        question: 'drones',
        understanding: understanding('product_inquiry', { text: 'drones' }),
      }),
      outlineOfNames(['camera', 'tv']),
    );
    expect(text).toBe(
      'Sorry, I couldn\'t find any "drones" in our catalog. We carry cameras and TVs — want me to show you some of those?',
    );
  });
});

describe('composeAnswer: follow-ups', () => {
  const shown = context({ lastShown: PHONES });
  const follow = (query: ProductQueryInput, references = [0, 1, 2]) =>
    understanding('product_inquiry', query, { followUp: true, references });

  it('names the cheapest of those with its price', () => {
    const text = composeAnswer(
      input({
        question: 'which of those is cheapest?',
        understanding: follow({ sort: 'price_asc', limit: 1 }),
        products: [PHONES[2]].flatMap((p) => (p ? [p] : [])),
        context: shown,
      }),
    );
    expect(text).toMatch(/^Of those, the cheapest is the \*\*Pixel 8a\*\* \(Google\) at \$499/);
  });

  it('answers stock questions with the count, or out of stock', () => {
    const inStock = composeAnswer(
      input({
        question: 'is the Apple one in stock?',
        understanding: follow({ limit: 1 }, [0]),
        products: PHONES.slice(0, 1),
        context: shown,
      }),
    );
    expect(inStock).toMatch(
      /^Yes — the \*\*iPhone 15 Pro\*\* is in stock \(42 available\) at \$999\./,
    );
    const out = composeAnswer(
      input({
        question: 'is the Samsung one in stock?',
        understanding: follow({ limit: 1 }, [1]),
        products: PHONES.slice(1, 2),
        context: shown,
      }),
    );
    expect(out).toMatch(/^The \*\*Galaxy S24\*\* is currently out of stock\./);
  });

  it('tells more about one product: description, rating, tags', () => {
    const p = product({
      sku: 'P',
      name: 'Pixel 8a',
      brand: 'Google',
      price: 499,
      description: 'Tensor G3 and a 120 Hz display. Seven years of updates.',
      tags: ['android', 'camera'],
    });
    const text = composeAnswer(
      input({
        question: 'tell me more about the third one',
        understanding: follow({ limit: 1 }, [2]),
        products: [p],
        context: shown,
      }),
    );
    expect(text).toContain('**Pixel 8a** by Google — $499, rated 4.5/5, in stock (10 available).');
    expect(text).toContain(
      'Tensor G3 and a 120 Hz display. Seven years of updates. Highlights: android, camera.',
    );
  });

  it('compares several products and sums up', () => {
    const text = composeAnswer(
      input({
        question: 'compare them',
        understanding: follow({ limit: 3 }),
        products: PHONES,
        context: shown,
      }),
    );
    expect(text).toMatch(/^Here is how they compare:/);
    expect(text).toMatch(
      /The \*\*Pixel 8a\*\* is the cheapest at \$499, while the \*\*iPhone 15 Pro\*\* has the best rating \(4\.7\/5\)\./,
    );
  });

  it('says what was shown when the reference points past it', () => {
    const text = composeAnswer(
      input({
        question: 'the fifth one',
        understanding: follow({ limit: 1 }, [4]),
        products: [],
        context: shown,
      }),
    );
    expect(text).toMatch(/^I only showed you 3 products last time/);
    expect(bold(text)).toEqual(PHONES.map((p) => p.name));
  });
});

describe('composeAnswer: faq', () => {
  it('answers from the document, naming it, with the relevant sentences', () => {
    const text = composeAnswer(
      input({
        question: 'How much is express shipping?',
        understanding: understanding('faq'),
        documents: [SHIPPING],
      }),
    );
    expect(text).toMatch(/^From our Shipping policy: /);
    expect(text).toContain('Express shipping takes 1-2 business days and costs $14.99.');
    expect(prices(text).every((p) => SHIPPING.text.includes(p))).toBe(true);
  });

  it('adds a relevant sentence from a second document', () => {
    const text = composeAnswer(
      input({
        question: 'Can I return it, and how long does shipping take?',
        understanding: understanding('faq'),
        documents: [SHIPPING, RETURNS],
      }),
    );
    expect(text).toMatch(/From our Shipping policy:/);
    expect(text).toMatch(
      /Also, from our Returns policy: You can return most products within 30 days of delivery\./,
    );
  });

  it('never invents a policy when no document covers the question', () => {
    const text = composeAnswer(
      input({ question: 'Do you gift wrap?', understanding: understanding('faq') }),
    );
    expect(text).toMatch(/^I don't have this store's service details/);
    expect(text).toMatch(/contact the store/);
    expect(text).not.toMatch(/\$|\d/);
  });
});

describe('composeAnswer: sales', () => {
  it('guides one product to the cart by SKU', () => {
    const text = composeAnswer(
      input({
        question: 'add it to my cart',
        understanding: understanding('sales', { limit: 1 }, { followUp: true, references: [0] }),
        products: PHONES.slice(0, 1),
        context: context({ lastShown: PHONES.slice(0, 1) }),
      }),
    );
    expect(text).toMatch(
      /^I can add the \*\*iPhone 15 Pro\*\* \(\$999\) to your cart — use cart add with SKU IPH15PRO-256\./,
    );
  });

  it('warns when the product is out of stock', () => {
    const text = composeAnswer(
      input({
        question: 'buy it',
        understanding: understanding('sales'),
        products: PHONES.slice(1, 2),
      }),
    );
    expect(text).toMatch(/out of stock/);
  });

  it('asks which one when several are referenced, listing SKUs', () => {
    const text = composeAnswer(
      input({ question: 'add to cart', understanding: understanding('sales'), products: PHONES }),
    );
    expect(text).toMatch(/^Which one would you like\?/);
    for (const p of PHONES) expect(text).toContain(`SKU ${p.sku}`);
  });

  it('explains how to order when nothing is referenced', () => {
    const text = composeAnswer(
      input({ question: 'how do I order?', understanding: understanding('sales') }),
    );
    expect(text).toMatch(/cart add/);
    expect(text).not.toMatch(/\$/);
  });
});
