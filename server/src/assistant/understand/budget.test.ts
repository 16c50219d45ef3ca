import { describe, expect, it } from 'vitest';
import { aroundPrice, parseBudget, parseBudgetRange } from './budget';

const range = (q: string) => {
  const b = parseBudget(q);
  return [b.minPrice, b.maxPrice];
};

describe('parseBudget', () => {
  it.each([
    ['phones under $300', [undefined, 300]],
    ['laptops below 300', [undefined, 300]],
    ['something less than 1k', [undefined, 1000]],
    ['max 1,200 please', [undefined, 1200]],
    ['up to 500', [undefined, 500]],
    ['no more than $1,299.99', [undefined, 1299.99]],
    ['my budget is 800', [undefined, 800]],
    ['a tv for $600', [undefined, 600]],
    ['1200 or less', [undefined, 1200]],
    ['$400 max', [undefined, 400]],
    ['between 500 and 1000', [500, 1000]],
    ['$500-$1000', [500, 1000]],
    ['500 - 1000 dollars', [500, 1000]],
    ['from 200 to 400', [200, 400]],
    ['between $1k and $2k', [1000, 2000]],
    ['over 1000', [1000, undefined]],
    ['at least 500', [500, undefined]],
    ['$500+', [500, undefined]],
    ['1000 and up', [1000, undefined]],
    ['around 800', [680, 920]],
    ['about $1,000', [850, 1150]],
    ['a $500 phone', [425, 575]],
    ['over 200 and under 400', [200, 400]],
    ['under 2 grand', [undefined, 2000]],
    // Any store's currency: the amount is in it whatever the symbol.
    ['milk under £5', [undefined, 5]],
    ['under £2.50', [undefined, 2.5]],
    ['below ₹1000', [undefined, 1000]],
    ['earphones under ₹1,499', [undefined, 1499]],
    ['under 500 rupees', [undefined, 500]],
    ['under Rs. 800', [undefined, 800]],
    ['under rs 800', [undefined, 800]],
    ['under ₹1,00,000', [undefined, 100_000]],
    ['tv under 1 lakh', [undefined, 100_000]],
    ['crisps under 99p', [undefined, 0.99]],
    ['between €20 and €40', [20, 40]],
    ['less than 30 euros', [undefined, 30]],
    ['under 10 quid', [undefined, 10]],
    ['1080p monitor under 200', [undefined, 200]],
  ])('%s -> %j', (q, expected) => {
    expect(range(q)).toEqual(expected);
  });

  it.each([
    'iPhone 15 Pro',
    'top 3 laptops',
    'show me 5 tvs',
    'a 65 inch tv',
    'under 15 inches',
    '256GB storage',
    'IPH15PRO-256 in stock?',
    'a 4k tv',
    '3-5 options',
    'the 2nd one',
    'Galaxy S24 with 120Hz',
  ])('finds no budget in %j', (q) => {
    expect(range(q)).toEqual([undefined, undefined]);
  });

  it('cuts budget phrases out of the rest of the question', () => {
    const b = parseBudget('Sony headphones under $300 please');
    expect(b.rest.replace(/\s+/g, ' ').trim()).toBe('Sony headphones please');
    expect(parseBudget('laptops between 500 and 1000 for school').rest).not.toMatch(/\d|between/);
  });

  it('treats cheap / budget / affordable as a wish, not a number', () => {
    const b = parseBudget('cheap budget phones, affordable ones');
    expect(b.cheap).toBe(true);
    expect(range('cheap budget phones')).toEqual([undefined, undefined]);
    expect(b.rest).not.toMatch(/cheap|budget|affordable/);
    expect(parseBudget('premium phones').cheap).toBe(false);
  });

  it('recognises "any price"', () => {
    expect(parseBudget('best laptop, any price').anyPrice).toBe(true);
    expect(parseBudget("money is no object, price doesn't matter").anyPrice).toBe(true);
    expect(parseBudget('best laptop').anyPrice).toBe(false);
  });

  it('swaps an inverted range', () => {
    expect(range('under 200 and over 400')).toEqual([200, 400]);
  });
});

describe('parseBudgetRange', () => {
  it('reads the preference format', () => {
    expect(parseBudgetRange('500-1000')).toEqual({ min: 500, max: 1000 });
    expect(parseBudgetRange('0-299.99')).toEqual({ min: 0, max: 299.99 });
    expect(parseBudgetRange(undefined)).toBeUndefined();
    expect(parseBudgetRange('cheap')).toBeUndefined();
    expect(parseBudgetRange('900-100')).toBeUndefined();
  });
});

describe('aroundPrice', () => {
  it('gives back the figure an "around" budget was read from', () => {
    const { minPrice, maxPrice } = parseBudget('a $50 gift card');
    expect(aroundPrice(minPrice, maxPrice)).toBe(50);
    const about = parseBudget('about 1,299 for a mower');
    expect(aroundPrice(about.minPrice, about.maxPrice)).toBe(1299);
  });

  it('is undefined for a range the shopper gave as bounds', () => {
    const { minPrice, maxPrice } = parseBudget('between $40 and $60');
    expect(aroundPrice(minPrice, maxPrice)).toBeUndefined();
    expect(aroundPrice(undefined, 60)).toBeUndefined();
  });
});
