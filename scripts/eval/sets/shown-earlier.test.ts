import { describe, expect, it } from 'vitest';
import type { TruthProduct } from '../types';
import { firstShown, nthShown } from './shown-earlier';

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
