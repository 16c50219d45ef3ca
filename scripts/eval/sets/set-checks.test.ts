import { describe, expect, it } from 'vitest';
import { truthOf } from '../truth';
import type { CatalogSet, TruthProduct } from '../types';
import { setProblems, turnCount } from './set-checks';

const product = (sku: string, price: number, rating?: number): TruthProduct => ({
  sku,
  name: `Thing ${sku}`,
  price,
  categoryPath: ['Things'],
  ...(rating !== undefined ? { rating } : {}),
  text: '',
  attributes: {},
});
const truth = truthOf([product('a', 10), product('b', 20)], 'USD');
const setOf = (cases: CatalogSet['cases']): CatalogSet => ({
  name: 'x',
  file: 'x.csv',
  readTruth: () => truth,
  cases,
});

describe('setProblems', () => {
  it('accepts expectations the store can meet, and not-carried ones that match nothing', () => {
    const set = setOf([
      {
        id: 'ok',
        kind: 'budget',
        turns: [{ ask: 'under 15', expect: { match: () => true, all: (p) => p.price <= 15 } }],
      },
      {
        id: 'nc',
        kind: 'not-carried',
        turns: [{ ask: 'a boat', expect: { notCarried: true, match: () => false } }],
      },
    ]);
    expect(setProblems(set, truth)).toEqual([]);
    expect(turnCount(set)).toBe(2);
  });

  it('reports a predicate nothing meets, a min too high, best rated without ratings, duplicate ids', () => {
    const set = setOf([
      {
        id: 'none',
        kind: 'budget',
        turns: [{ ask: 'under 5', expect: { match: () => true, all: (p) => p.price <= 5 } }],
      },
      {
        id: 'none',
        kind: 'category',
        turns: [{ ask: 'things', expect: { match: () => true, min: 3 } }],
      },
      {
        id: 'rated',
        kind: 'superlative',
        turns: [{ ask: 'best', expect: { match: () => true, best: 'rating_desc' } }],
      },
    ]);
    expect(setProblems(set, truth)).toEqual([
      'none#0 "under 5": 0 products meet match and all, 1 needed',
      'none: duplicate id',
      'none#0 "things": 2 products meet match and all, 3 needed',
      'rated#0 "best": best rated among products without ratings',
    ]);
  });
});
