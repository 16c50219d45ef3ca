import { describe, expect, it } from 'vitest';
import { decodeShownState, encodeShownState, MAX_SHOWN } from './shown-state';

const search = {
  query: { text: '', category: 'PC Laptops', maxPrice: 500, sort: 'relevance' as const, limit: 5 },
};

describe('shown state codec', () => {
  it('round-trips the SKUs and the search behind them', () => {
    const raw = encodeShownState(['A', 'B'], search);
    expect(decodeShownState(raw)).toEqual({ shown: ['A', 'B'], search });
    expect(decodeShownState(encodeShownState(['A']))).toEqual({ shown: ['A'] });
  });

  it('reads the bare SKU array sessions stored before the search was kept', () => {
    expect(decodeShownState('["A","B"]')).toEqual({ shown: ['A', 'B'] });
  });

  it.each([
    ['nothing stored', null],
    ['an empty value', ''],
    ['not JSON', '{"skus": ['],
    ['a wrong shape', '{"skus": "A"}'],
    ['too many SKUs', JSON.stringify({ skus: Array.from({ length: MAX_SHOWN + 1 }, String) })],
    [
      'a search that breaks its schema',
      JSON.stringify({ skus: ['A'], search: { query: { limit: 99 } } }),
    ],
    [
      'a search with too many brands',
      JSON.stringify({ skus: ['A'], search: { query: { brands: Array(11).fill('x') } } }),
    ],
  ])('reads %s as nothing shown', (_, raw) => {
    expect(decodeShownState(raw)).toEqual({ shown: [] });
  });

  it('fills schema defaults and drops unknown fields on the way back', () => {
    const raw = JSON.stringify({
      skus: ['A'],
      search: { query: { maxPrice: 300, extra: 1 }, x: 2 },
    });
    expect(decodeShownState(raw)).toEqual({
      shown: ['A'],
      search: { query: { text: '', maxPrice: 300, sort: 'relevance', limit: 5 } },
    });
  });

  it('keeps at most MAX_SHOWN SKUs and refuses a search its schema refuses', () => {
    const many = Array.from({ length: MAX_SHOWN + 30 }, (_, i) => `S${i}`);
    expect(decodeShownState(encodeShownState(many)).shown).toHaveLength(MAX_SHOWN);
    const tooLong = { query: { ...search.query, text: 'x'.repeat(501) } };
    expect(() => encodeShownState(['A'], tooLong)).toThrow();
  });

  it('stores well-formed text (a lone surrogate becomes U+FFFD), as Redis would', () => {
    const raw = encodeShownState(['A\ud800'], { query: { ...search.query, text: 'tv\ud800' } });
    expect(decodeShownState(raw)).toEqual({
      shown: ['A\ufffd'],
      search: { query: { ...search.query, text: 'tv\ufffd' } },
    });
  });
});
