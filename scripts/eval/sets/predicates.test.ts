import { describe, expect, it } from 'vitest';
import type { TruthProduct } from '../types';
import {
  all,
  amongShownBefore,
  anyOf,
  atMost,
  between,
  cheaperThanBefore,
  firstShown,
  inPath,
  named,
  not,
  nthShown,
  shownBefore,
} from './predicates';

const product = (sku: string): TruthProduct => ({
  sku,
  name: sku,
  price: 1,
  categoryPath: [],
  text: '',
  attributes: {},
});
const [a, b, c] = [product('a'), product('b'), product('c')];
const asked = (p: TruthProduct) => p.sku === 'c';

describe('nthShown', () => {
  it('points at the product of the previous turn, not of earlier ones', () => {
    const second = nthShown(1, asked);
    const context = {
      shown: [
        [c, a],
        [a, b],
      ],
    };
    expect(second(b, context)).toBe(true);
    expect(second(a, context)).toBe(false);
  });

  it('falls back to what was asked when the previous turn showed too few', () => {
    const second = nthShown(1, asked);
    expect(second(c, { shown: [[a]] })).toBe(true);
    expect(second(a, { shown: [] })).toBe(false);
  });
});

describe('firstShown', () => {
  it('accepts only the first products of the previous turn', () => {
    const firstTwo = firstShown(2, asked);
    const context = { shown: [[a, b, c]] };
    expect([a, b, c].map((p) => firstTwo(p, context))).toEqual([true, true, false]);
    expect(firstTwo(c, { shown: [[a]] })).toBe(true);
  });
});

describe('product builders', () => {
  const jacket: TruthProduct = {
    sku: 'j',
    name: 'Rain Jacket',
    price: 40,
    categoryPath: ['Women', 'Jackets'],
    text: '',
    attributes: {},
  };
  const none = { shown: [] };
  it('reads the name, the category path and the price', () => {
    expect(named(/jacket/i)(jacket, none)).toBe(true);
    expect(inPath(/^jackets$/i)(jacket, none)).toBe(true);
    expect(inPath(/^women jackets$/i)(jacket, none)).toBe(false);
    expect([atMost(40), atMost(39.99)].map((f) => f(jacket, none))).toEqual([true, false]);
    expect([between(40, 50), between(41, 50)].map((f) => f(jacket, none))).toEqual([true, false]);
  });
  it('combines them', () => {
    const yes = named(/rain/i);
    const no = named(/coat/i);
    expect(all(yes, not(no))(jacket, none)).toBe(true);
    expect(all(yes, no)(jacket, none)).toBe(false);
    expect(anyOf(no, yes)(jacket, none)).toBe(true);
    expect(anyOf(no)(jacket, none)).toBe(false);
  });
});

describe('strict follow-up pointers', () => {
  it('accept only what the previous turn showed, with no fallback', () => {
    const context = { shown: [[c], [a, b]] };
    expect([a, b, c].map((p) => shownBefore([1])(p, context))).toEqual([false, true, false]);
    expect([a, b, c].map((p) => amongShownBefore(p, context))).toEqual([true, true, false]);
    expect(shownBefore([0])(c, { shown: [] })).toBe(false);
  });
  it('cheaper means cheaper than everything the previous turn showed', () => {
    const cheap = { ...a, sku: 'cheap', price: 0.5 };
    expect(cheaperThanBefore(cheap, { shown: [[a, b]] })).toBe(true);
    expect(cheaperThanBefore(c, { shown: [[a, b]] })).toBe(false);
  });
});
