import type { Product } from '@aisle/shared';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadDemoProducts } from './demo';
import { generateProducts } from './generate';
import {
  buildTextIndex,
  FIELD_BOOSTS,
  FIELDS,
  fieldText,
  maxEditDistance,
  processTerm,
  queryTerms,
  tokenize,
  usePrefix,
} from './text-index';

/** MiniSearch configured exactly as text-index.ts describes its ranking. */
function miniSearchScores(products: readonly Product[]) {
  const mini = new MiniSearch<{ index: number; product: Product }>({
    idField: 'index',
    fields: FIELDS,
    extractField: (doc, field) => {
      if (field === 'index') return doc.index;
      const f = FIELDS.find((name) => name === field);
      return f ? fieldText(doc.product, f) : undefined;
    },
    tokenize,
    processTerm,
    searchOptions: {
      tokenize,
      processTerm,
      boost: FIELD_BOOSTS,
      prefix: usePrefix,
      fuzzy: (term) => maxEditDistance(term) || false,
      combineWith: 'OR',
    },
  });
  mini.addAll(products.map((product, index) => ({ index, product })));
  return (text: string) => new Map(mini.search(text).map((r) => [r.id as number, r.score]));
}

function ourScores(products: readonly Product[]) {
  const index = buildTextIndex(products);
  return (text: string) => {
    const scores = new Map<number, number>();
    index.search(queryTerms(text), (i, score) => scores.set(i, score));
    return scores;
  };
}

const QUERIES = [
  'samsnug',
  'phone',
  'noise cancelling headphones',
  'pro',
  'wh1000xm5',
  'gaming laptop',
  '4k oled tv',
  'galaxy s24',
  'macbo',
  'wireless charger with magsafe',
  'x',
  'iphone 15 pro max',
  'robot vacuum',
  'budget smartwatch gps',
];

describe('text index', () => {
  it.each([
    ['the demo catalog', loadDemoProducts()],
    ['a generated catalog', generateProducts(3_000, 4)],
  ])('scores exactly like MiniSearch on %s', (_, products) => {
    const expected = miniSearchScores(products);
    const actual = ourScores(products);
    for (const text of QUERIES) {
      const want = expected(text);
      const got = actual(text);
      expect(
        [...got.keys()].sort((a, b) => a - b),
        text,
      ).toEqual([...want.keys()].sort((a, b) => a - b));
      for (const [i, score] of want) {
        expect(Math.abs((got.get(i) ?? 0) - score) / score, `${text} #${i}`).toBeLessThan(1e-9);
      }
    }
  });

  it('drops stop words and duplicates from queries and reports matched term counts', () => {
    expect(queryTerms('Phones with the NOISE, noise cancelling!')).toEqual([
      'phones',
      'noise',
      'cancelling',
    ]);
    const products = loadDemoProducts();
    const index = buildTextIndex(products);
    const matched = new Map<string, number>();
    index.search(queryTerms('sony headphones'), (i, _score, count) => {
      matched.set(products[i]?.sku ?? '', count);
    });
    expect(matched.get('SNWH1000XM5-B')).toBe(2);
    expect(matched.get('BOQCUH-BLK')).toBe(1);
    expect(matched.get('SNPS5SLIM-DISC')).toBe(1);
  });

  it('allows one typo from 4 letters and two from 7', () => {
    expect(maxEditDistance('tv')).toBe(0);
    expect(maxEditDistance('sony')).toBe(1);
    expect(maxEditDistance('samsnug')).toBe(2);
  });
});
