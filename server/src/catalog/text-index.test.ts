import type { Product } from '@aisle/shared';
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { loadDemoProducts } from './demo';
import { generateProducts } from './generate';
import {
  buildTextIndex,
  expandTerm,
  FIELD_BOOSTS,
  FIELDS,
  fieldText,
  groupByTerm,
  MATCH_WEIGHTS,
  maxEditDistance,
  processTerm,
  queryTerms,
  scorePostings,
  tokenize,
  tokenizeCatalog,
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

describe('text index build steps', () => {
  const base = loadDemoProducts()[0] as Product;
  // Category text comes from the store's own category when it is not a canonical one.
  const product = (name: string, brand: string, description: string): Product => ({
    ...base,
    name,
    brand,
    category: 'widgets',
    tags: [],
    description,
  });
  const products = [
    product('Acme Anvil', 'Acme', 'a heavy heavy anvil'),
    product('Road Runner Skates', 'Acme', 'fast skates'),
  ];
  const catalog = tokenizeCatalog(products);
  const id = (term: string) => catalog.termIds.get(term) ?? -1;
  const field = (name: string) => FIELDS.indexOf(name as (typeof FIELDS)[number]);
  const segmentTerms = (doc: number, f: number) => {
    const segment = doc * FIELDS.length + f;
    const start = segment === 0 ? 0 : (catalog.segmentEnd[segment - 1] ?? 0);
    return [...catalog.terms.slice(start, catalog.segmentEnd[segment])];
  };

  it("keeps each field's terms, stop words dropped, in its own segment", () => {
    expect(segmentTerms(0, field('name'))).toEqual([id('acme'), id('anvil')]);
    expect(segmentTerms(1, field('description'))).toEqual([id('fast'), id('skates')]);
    expect(segmentTerms(0, field('description'))).toEqual([id('heavy'), id('heavy'), id('anvil')]);
    expect(catalog.termIds.has('a')).toBe(false);
  });

  it('counts distinct raw tokens per field and products per term and field', () => {
    // "a heavy heavy anvil": three distinct tokens, the stop word included (as MiniSearch).
    expect(catalog.fieldLength[0 * FIELDS.length + field('description')]).toBe(3);
    const docFreq = (term: string, f: string) =>
      catalog.docFreq[id(term) * FIELDS.length + field(f)];
    expect(docFreq('acme', 'brand')).toBe(2);
    expect(docFreq('acme', 'name')).toBe(1);
    expect(docFreq('heavy', 'description')).toBe(1);
  });

  it('groups one posting per product and term, in product order', () => {
    const postings = scorePostings(catalog);
    expect(postings.length).toBe(
      new Set(
        products.flatMap((_, d) =>
          FIELDS.flatMap((__, f) => segmentTerms(d, f).map((t) => `${d}:${t}`)),
        ),
      ).size,
    );
    const { start, docs, code, weightOf } = groupByTerm(postings, catalog.termIds.size);
    const postingsOf = (term: string) => {
      const from = start[id(term)] ?? 0;
      const to = start[id(term) + 1] ?? 0;
      const weights = [...code.slice(from, to)].map((c) => weightOf[c]);
      return { docs: [...docs.slice(from, to)], weights };
    };
    expect(postingsOf('acme').docs).toEqual([0, 1]);
    expect(postingsOf('skates').docs).toEqual([1]);
    // Acme's anvil has "acme" in its name and brand, the skates in the brand alone.
    const [anvil = 0, skates = 0] = postingsOf('acme').weights;
    expect(anvil).toBeGreaterThan(skates);
    expect(skates).toBeGreaterThan(0);
  });

  it('stores each distinct weight once, with 2-byte codes up to 65,536 of them, 4 past', () => {
    for (const distinct of [3, 70_000]) {
      const total = 100_000;
      const weight = Float64Array.from({ length: total }, (_, p) => 0.1 + (p % distinct) / 7);
      const grouped = groupByTerm(
        {
          term: new Uint32Array(total),
          doc: Uint32Array.from({ length: total }, (_, p) => p),
          weight,
          length: total,
          count: Uint32Array.of(0, total),
        },
        1,
      );
      expect(grouped.weightOf).toHaveLength(distinct);
      expect(grouped.code).toBeInstanceOf(distinct <= 0x10000 ? Uint16Array : Uint32Array);
      for (let p = 0; p < total; p++) {
        if (grouped.weightOf[grouped.code[p] ?? -1] !== weight[p]) throw new Error(`posting ${p}`);
      }
    }
  });

  it('expands a query term to exact, prefix and fuzzy vocabulary terms with their weights', () => {
    const vocabulary = new SearchableMap<number>();
    for (const [term, termId] of catalog.termIds) vocabulary.set(term, termId);
    expect(expandTerm(vocabulary, 'anvil')).toEqual([[id('anvil'), 1]]);
    const prefix = (MATCH_WEIGHTS.prefix * 6) / (6 + 0.3 * 2);
    expect(expandTerm(vocabulary, 'skat')).toEqual([[id('skates'), prefix]]);
    // "anvel" is one edit from "anvil".
    expect(expandTerm(vocabulary, 'anvel')).toEqual([[id('anvil'), (MATCH_WEIGHTS.fuzzy * 5) / 6]]);
    expect(expandTerm(vocabulary, 'x')).toEqual([]);
  });
});
