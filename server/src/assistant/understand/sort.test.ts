import { describe, expect, it } from 'vitest';
import { parseSort } from './sort';

describe('parseSort', () => {
  it.each([
    ['the cheapest phone', 'price_asc'],
    ['least expensive laptop', 'price_asc'],
    ['most affordable tablet', 'price_asc'],
    ['lowest-priced tv', 'price_asc'],
    ['any cheaper ones?', 'price_asc'],
    ['most expensive camera', 'price_desc'],
    ['premium headphones', 'price_desc'],
    ['top of the line laptop', 'price_desc'],
    ['high-end tv', 'price_desc'],
    ['best rated phones', 'rating_desc'],
    ['highest rated headphones', 'rating_desc'],
    ['top-rated speakers', 'rating_desc'],
    ['best laptop for students', 'rating_desc'],
    ['top 3 laptops', 'rating_desc'],
  ])('%s -> %s', (q, sort) => {
    const r = parseSort(q);
    expect(r.sort).toBe(sort);
    expect(r.superlative).toBe(true);
  });

  it('uses the cheap hint only when no superlative is present', () => {
    expect(parseSort('phones', true)).toMatchObject({ sort: 'price_asc', superlative: false });
    expect(parseSort('best rated phones', true).sort).toBe('rating_desc');
    expect(parseSort('phones').sort).toBeUndefined();
  });

  it.each([
    ['top 3 laptops', 3],
    ['show me 5 tvs', 5],
    ['give me two options', 2],
    ['3 cheapest phones', 3],
    ['list ten models', 10],
    ['a few headphones', 3],
    ['a couple of tablets', 2],
    ['four laptops please', 4],
  ])('%s -> count %i', (q, count) => {
    expect(parseSort(q).count).toBe(count);
  });

  it.each([
    'iPhone 15 Pro',
    'a 65 inch tv',
    'show me 256 gb phones',
    'the second one',
    'top 50 laptops',
  ])('reads no count from %j', (q) => {
    expect(parseSort(q).count).toBeUndefined();
  });

  it('cuts the phrases it read out of the text', () => {
    const r = parseSort('show me the 3 best rated noise cancelling headphones');
    expect(r.rest).not.toMatch(/best|rated|3/);
    expect(r.rest).toMatch(/noise cancelling headphones/);
  });
});

describe('parseSort counts in context', () => {
  it('does not read a model number as a count', () => {
    expect(parseSort('iphone 15 pro max phones').count).toBeUndefined();
    expect(parseSort('I want 2 phones').count).toBe(2);
    expect(parseSort('compare 3 laptops').count).toBe(3);
  });
});
