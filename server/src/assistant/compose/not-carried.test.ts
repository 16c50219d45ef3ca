/**
 * Answers about a model or size the store does not carry: said plainly first, in the shopper's
 * words, then the closest products labelled as alternatives with why each differs. Fixtures
 * are small stores of their own (a phone shop, a grocer), not the demo catalog.
 */
import type { Product, ProductQueryInput } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import type { AnswerInput } from '../types';
import type { Understanding } from '../understanding-schema';
import { catalogOutline } from './catalog-outline';
import { composeAnswer } from './compose-answer';
import { answerInputOf, understandingOf } from './test-inputs';

const phone = (sku: string, name: string, price: number, category = 'Phones'): Product => ({
  sku,
  name,
  brand: 'Apple',
  category,
  price,
  currency: 'USD',
  description: `${name}, refurbished.`,
  tags: [],
});
const IPHONE_5S = phone('p-5s', 'iPhone 5s 16GB', 99);
const IPHONE_7 = phone('p-7', 'iPhone 7 32GB', 149);
const CASE_7 = phone('c-7', 'Leather Case for iPhone 7', 19, 'Cases');

const grocery = (sku: string, name: string, price: number): Product => ({
  sku,
  name,
  brand: 'Oatly',
  category: 'Plant Milk',
  category_path: ['Dairy & Eggs', 'Plant Milk'],
  price,
  currency: 'GBP',
  description: 'Oat drink.',
  tags: [],
});
const OAT_1L = grocery('o-1l', 'Oatly Oat Drink 1 litre', 1.9);
const OAT_250 = grocery('o-250', 'Oatly Oat Drink 250ml', 0.95);

const understanding = (query: ProductQueryInput): Understanding =>
  understandingOf('product_inquiry', query);

const answer = (
  over: Partial<AnswerInput> & Pick<AnswerInput, 'question' | 'understanding'>,
  store: readonly Product[],
): string => composeAnswer(answerInputOf(over), catalogOutline(store));

const PHONE_SHOP = [IPHONE_5S, IPHONE_7, CASE_7];

describe('a model the store does not carry', () => {
  it('says so in the shopper’s words, then the closest products labelled with why they differ', () => {
    const text = answer(
      {
        question: 'Do you have the iPhone 6?',
        understanding: understanding({ text: 'iphone 6' }),
        products: [IPHONE_7, IPHONE_5S],
        alternatives: true,
        notCarried: ['iPhone 6'],
      },
      PHONE_SHOP,
    );
    const [first, ...lines] = text.split('\n');
    expect(first).toBe("We don't carry the iPhone 6. The closest alternatives we have:");
    expect(lines[0]).toMatch(/^1\. \*\*iPhone 7 32GB\*\* \(Apple\) — \$149 \(not the iPhone 6\)\./);
    expect(lines[1]).toMatch(/^2\. \*\*iPhone 5s 16GB\*\* \(Apple\) — \$99 \(not the iPhone 6\)\./);
    // Never worded as a match, nor with the index's spelling of the model.
    expect(text).not.toMatch(/here (?:is|are) \d|iphone6|couldn't find an exact match/i);
  });

  it('adds the other ways an alternative differs (budget, brand, category)', () => {
    const text = answer(
      {
        question: 'an iPhone 6 under $100',
        understanding: understanding({ text: 'iphone 6', category: 'Phones', maxPrice: 100 }),
        products: [IPHONE_5S, CASE_7, IPHONE_7],
        alternatives: true,
        notCarried: ['iPhone 6'],
      },
      PHONE_SHOP,
    );
    expect(text).toContain('$99 (not the iPhone 6)');
    expect(text).toContain('$19 (not the iPhone 6, from Cases)');
    expect(text).toContain('$149 (not the iPhone 6, above your $100 limit)');
  });

  it('says so even when there is nothing close to offer', () => {
    const text = answer(
      {
        question: 'Pixel 3 please',
        understanding: understanding({ text: 'pixel 3' }),
        alternatives: true,
        notCarried: ['Pixel 3'],
      },
      PHONE_SHOP,
    );
    expect(text).toMatch(/^We don't carry the Pixel 3\. /);
    expect(text).toMatch(/Phones|Cases/);
    expect(text).not.toContain("couldn't find any");
  });

  it('names two missing things together', () => {
    const text = answer(
      {
        question: 'iPhone 6 or iPhone 8?',
        understanding: understanding({ text: 'iphone 6 iphone 8' }),
        products: [IPHONE_7],
        alternatives: true,
        notCarried: ['iPhone 6', 'iPhone 8'],
      },
      PHONE_SHOP,
    );
    expect(text.split('\n')[0]).toBe(
      "We don't carry the iPhone 6 or iPhone 8. The closest alternative we have:",
    );
    expect(text).toContain('(not the iPhone 6 or iPhone 8)');
  });
});

describe('a size the store does not carry', () => {
  it('says no product comes in it, in the shopper’s words, and labels each alternative', () => {
    const text = answer(
      {
        question: 'oat milk 2 litre',
        understanding: understanding({ text: 'oat milk 2l' }),
        products: [OAT_1L, OAT_250],
        alternatives: true,
        notCarried: ['2 litre'],
        currency: 'GBP',
      },
      [OAT_1L, OAT_250],
    );
    const [first, ...lines] = text.split('\n');
    expect(first).toBe("We don't carry anything in 2 litre. The closest alternatives we have:");
    expect(lines[0]).toContain('£1.90 (not 2 litre).');
    expect(lines[1]).toContain('£0.95 (not 2 litre).');
    // The grocer gave no rating or stock: none is claimed.
    expect(text).not.toMatch(/rated|in stock|out of stock/i);
  });

  it('a model in a size it does not come in: both named', () => {
    const text = answer(
      {
        question: 'iPhone 6 in 128GB',
        understanding: understanding({ text: 'iphone 6 128gb' }),
        products: [IPHONE_7],
        alternatives: true,
        notCarried: ['iPhone 6', '128GB'],
      },
      PHONE_SHOP,
    );
    expect(text).toMatch(/^We don't carry the iPhone 6 in 128GB\. The closest alternative/);
    expect(text).toContain('(not the iPhone 6, not 128GB)');
  });
});

describe('how an alternative differs in kind', () => {
  const tv = (sku: string, category: string, path: string[]): Product => ({
    sku,
    name: `Set ${sku}`,
    brand: 'Acme',
    category,
    category_path: path,
    price: 100,
    description: '',
    tags: [],
  });
  const FLAT = tv('t1', 'Flat-Panel TVs', ['TV & Home Theater', 'TVs', 'Flat-Panel TVs']);
  const MOUNT = tv('m1', 'TV Mounts', ['TV & Home Theater', 'TV Mounts']);
  const SMART = tv('s1', 'SmartTelevisions', ['Electronics', 'SmartTelevisions']);

  it('a TV filed as "Flat-Panel TVs" is a TV; a TV mount is not', () => {
    const text = answer(
      {
        question: 'an 85 inch tv',
        understanding: understanding({ text: '85in', category: 'tv' }),
        products: [FLAT, SMART, MOUNT],
        alternatives: true,
        notCarried: ['85 inch'],
      },
      [FLAT, SMART, MOUNT],
    );
    expect(text).toContain('**Set t1** (Acme) — $100 (not 85 inch).');
    expect(text).toContain('**Set s1** (Acme) — $100 (not 85 inch).');
    expect(text).toContain('**Set m1** (Acme) — $100 (not 85 inch, from TV Mounts).');
  });
});

describe('alternatives without anything missing keep their old wording', () => {
  it('still says there was no exact match', () => {
    const text = answer(
      {
        question: 'cheap phones',
        understanding: understanding({ category: 'Phones', maxPrice: 50 }),
        products: [IPHONE_5S],
        alternatives: true,
      },
      PHONE_SHOP,
    );
    expect(text).toMatch(/^I couldn't find an exact match for /);
    expect(text).not.toContain("don't carry");
  });
});
