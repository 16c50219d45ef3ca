import { describe, expect, it } from 'vitest';
import { matchBrands } from './brands';
import { categoryPhrases, matchCategory, resolveCategory } from './categories';
import { VOCABULARY } from './test-fixtures';
import { findPhrases, toTokens } from './tokens';

describe('tokens', () => {
  it('splits words, folds plurals and drops possessives', () => {
    expect(toTokens("Samsung's Phones, e-readers!")).toEqual([
      { word: 'samsung', base: 'samsung' },
      { word: 'phones', base: 'phone' },
      { word: 'e', base: 'e' },
      { word: 'readers', base: 'reader' },
    ]);
  });

  it('finds the longest phrase first without overlaps', () => {
    const hits = findPhrases(toTokens('robot vacuum and vacuum cleaner'), [
      [['vacuum'], 'v'],
      [['robot', 'vacuum'], 'rv'],
      [['vacuum', 'cleaner'], 'vc'],
    ]);
    expect(hits.map((h) => [h.start, h.end, h.value])).toEqual([
      [0, 2, 'rv'],
      [3, 5, 'vc'],
    ]);
  });
});

describe('categories', () => {
  it('resolves preference text onto catalog categories', () => {
    expect(resolveCategory('phone', VOCABULARY.categories)).toBe('smartphone');
    expect(resolveCategory('Notebooks', VOCABULARY.categories)).toBe('laptop');
    expect(resolveCategory('TV', VOCABULARY.categories)).toBe('tv');
    expect(resolveCategory('kitchen sink', VOCABULARY.categories)).toBeUndefined();
  });

  it('only offers categories the catalog has', () => {
    const terms = categoryPhrases(['tv']);
    expect(terms.every(([, t]) => t.category === 'tv')).toBe(true);
    expect(matchCategory(toTokens('phones'), ['tv']).category).toBeUndefined();
  });

  it('reports whether the category was named in the plural', () => {
    expect(matchCategory(toTokens('cheapest phones'), VOCABULARY.categories).plural).toBe(true);
    expect(matchCategory(toTokens('cheapest phone'), VOCABULARY.categories).plural).toBe(false);
    expect(matchCategory(toTokens('best headphones'), VOCABULARY.categories).plural).toBe(true);
  });

  it('ignores verbs that look like products', () => {
    expect(
      matchCategory(toTokens('something to watch films on'), VOCABULARY.categories).category,
    ).toBeUndefined();
    expect(
      matchCategory(toTokens('in case it rains'), VOCABULARY.categories).category,
    ).toBeUndefined();
  });

  it('inherits synonyms for a store category that is itself a synonym', () => {
    expect(matchCategory(toTokens('cell phones'), ['Mobile Phones', 'Kitchen']).category).toBe(
      'Mobile Phones',
    );
    expect(matchCategory(toTokens('kitchen stuff'), ['Mobile Phones', 'Kitchen']).category).toBe(
      'Kitchen',
    );
  });
});

describe('matchBrands', () => {
  const match = (q: string) => matchBrands(toTokens(q), q, VOCABULARY.brands);

  it('finds brands, aliases and exclusions', () => {
    expect(match('sony and LG').brands).toEqual(['Sony', 'LG']);
    expect(match('an iphone or a pixel').brands).toEqual(['Apple', 'Google']);
    expect(match('no Samsung please, maybe Sony').brands).toEqual(['Sony']);
    expect(match('no Samsung please, maybe Sony').excluded).toEqual(['Samsung']);
    expect(match('anything other than apple').excluded).toEqual(['Apple']);
  });

  it('only maps an alias onto a brand the catalog carries', () => {
    expect(matchBrands(toTokens('xbox'), 'xbox', ['Sony']).brands).toEqual([]);
  });
});
