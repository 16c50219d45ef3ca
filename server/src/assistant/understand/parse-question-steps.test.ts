import { describe, expect, it } from 'vitest';
import {
  followUpOf,
  freeText,
  hasProductSignals,
  productQuery,
  readQuestion,
  resultLimit,
} from './parse-question';
import { PHONES, VOCABULARY } from './test-fixtures';

/** The steps of parseQuestion, each on its own (parse-question.test.ts tests the whole). */
const read = (question: string) => readQuestion(question, VOCABULARY);
const notFollowUp = { followUp: false, references: [] as number[], consumed: new Set<number>() };

describe('readQuestion', () => {
  it('reads budget, category, brands and stock, and leaves the budget words out of the tokens', () => {
    const reading = read('Sony headphones in stock under $200');
    expect(reading.budget.maxPrice).toBe(200);
    expect(reading.category.category).toBe('headphones');
    expect(reading.brands).toEqual(['Sony']);
    expect(reading.inStock).toBe(true);
    expect(reading.tokens.map((t) => t.word)).not.toContain('200');
  });

  it('does not take the device an accessory is for as its brand', () => {
    expect(read('iphone case').brands).toEqual([]);
    expect(read('iphone case').category.category).toBe('accessory');
    expect(read('iphone 15').brands).toEqual(['Apple']);
  });

  it('keeps ruled-out brands out of the wanted ones', () => {
    const reading = read('any phone except Samsung');
    expect(reading.brands).toEqual([]);
    expect(reading.brandMatch.excluded).toEqual(['Samsung']);
  });
});

describe('followUpOf', () => {
  it('points at the products shown by ordinal', () => {
    const followUp = followUpOf(read('tell me more about the second one'), PHONES);
    expect(followUp.followUp).toBe(true);
    expect(followUp.references).toEqual([1]);
  });

  it('takes "a cheaper one" as about everything shown, but only when something was shown', () => {
    expect(followUpOf(read('do you have a cheaper one?'), PHONES)).toMatchObject({
      followUp: true,
      references: [0, 1, 2],
    });
    expect(followUpOf(read('do you have a cheaper one?'), []).followUp).toBe(false);
  });
});

describe('hasProductSignals', () => {
  it.each([
    ['tell me a joke', false],
    ['how are you today', false],
    ['top 3 please', true],
    ['anything under 50?', true],
    ['is it in stock?', true],
    ['something from Bose', true],
    ['the best rated ones', true],
  ])('%s -> %s', (question, expected) => {
    expect(hasProductSignals(read(question))).toBe(expected);
  });
});

describe('freeText', () => {
  it('drops the brand, the category, stop words and filler', () => {
    expect(freeText(read('Sony noise cancelling headphones'), new Set())).toBe('noise cancelling');
    expect(freeText(read('a gift for my dad who loves music'), new Set())).toBe('music');
  });

  it('keeps product-line words and drops the words that pointed at shown products', () => {
    expect(freeText(read('iphone with a big screen'), new Set())).toBe('iphone big screen');
    expect(freeText(read('pixel with a big screen'), new Set([0]))).toBe('big screen');
  });
});

describe('productQuery', () => {
  const query = (
    question: string,
    preferences: Parameters<typeof productQuery>[2],
    followUp = notFollowUp,
  ) => productQuery(read(question), followUp, preferences, VOCABULARY);

  it('fills the price and category in from preferences, and says so', () => {
    const prefs = { budget_range: '500-1000', device_type: 'phone' };
    expect(query('something with a big screen', prefs)).toEqual({
      query: {
        text: 'big screen',
        minPrice: 500,
        maxPrice: 1000,
        category: 'smartphone',
        limit: 5,
      },
      fromPreferences: { price: true, category: true },
    });
  });

  it("lets the question's own price and category win over preferences", () => {
    const prefs = { budget_range: '500-1000', device_type: 'phone' };
    expect(query('laptops under 300', prefs)).toEqual({
      query: { text: '', maxPrice: 300, category: 'laptop', limit: 5 },
      fromPreferences: {},
    });
  });

  it('ignores preferences that do not apply and a budget waived with "any price"', () => {
    expect(query('laptops', undefined).query).toEqual({ text: '', category: 'laptop', limit: 5 });
    expect(query('laptops at any price', { budget_range: '500-1000' }).query).not.toHaveProperty(
      'minPrice',
    );
  });

  it('leaves text, category, brands and stock to the shown products on a follow-up', () => {
    const followUp = { followUp: true, references: [0, 2], consumed: new Set<number>() };
    expect(query('which Sony headphones are in stock', { budget_range: '1-2' }, followUp)).toEqual({
      query: { text: '', limit: 2 },
      fromPreferences: {},
    });
  });
});

describe('resultLimit', () => {
  const limit = (question: string, followUp: { followUp: boolean; references: number[] }) =>
    resultLimit(read(question), followUp);

  it('shows one for a superlative about one product, five for a list, the count asked for', () => {
    expect(limit('the cheapest phone', notFollowUp)).toBe(1);
    expect(limit('the cheapest phones', notFollowUp)).toBe(5);
    expect(limit('the cheapest ones', notFollowUp)).toBe(5);
    expect(limit('top 3 laptops', notFollowUp)).toBe(3);
    expect(limit('laptops', notFollowUp)).toBe(5);
  });

  it('keeps to 1..20', () => {
    // No question reads as more than 20 ("top 50" is no count), but the cap stands alone.
    const reading = read('laptops');
    expect(resultLimit({ ...reading, sort: { ...reading.sort, count: 50 } }, notFollowUp)).toBe(20);
    expect(limit('tell me about them', { followUp: true, references: [] })).toBe(1);
  });

  it('on a follow-up, shows the products pointed at, or one for a superlative', () => {
    expect(limit('compare those two', { followUp: true, references: [0, 2] })).toBe(2);
    expect(limit('which is the cheapest', { followUp: true, references: [0, 1, 2] })).toBe(1);
  });
});
