import { describe, expect, it } from 'vitest';
import { stocked } from '../catalog/vocabulary/fixtures';
import { foldWords } from '../catalog/vocabulary/fold';
import { buildStoreVocabulary } from '../catalog/vocabulary/store-vocabulary';
import { createShoppingLexicon, EXPANSION_WEIGHTS, SHOPPING_LEXICON } from './shopping-lexicon';

/** How surely `word` stands for `other` (both folded as the lexicon folds them: singular). */
const weightOf = (lexicon: typeof SHOPPING_LEXICON, word: string, other: string) =>
  lexicon.expand(foldWords(word)).find((e) => e.words.join(' ') === foldWords(other).join(' '))
    ?.weight;

describe("a store's own words extend the general lexicon", () => {
  it('adds groups both ways, folded, without losing the general ones', () => {
    const lexicon = createShoppingLexicon({ synonyms: [['Pruner', 'SECATEURS']] });
    expect(weightOf(lexicon, 'pruner', 'secateurs')).toBe(EXPANSION_WEIGHTS.same);
    expect(weightOf(lexicon, 'secateurs', 'pruner')).toBe(EXPANSION_WEIGHTS.same);
    expect(weightOf(lexicon, 'tv', 'television')).toBe(EXPANSION_WEIGHTS.same);
    expect(lexicon.phrases()).toContain('pruner');
    expect(weightOf(SHOPPING_LEXICON, 'pruner', 'secateurs')).toBeUndefined();
  });

  it('still takes a bare list of groups', () => {
    expect(
      weightOf(createShoppingLexicon([['trug', 'garden basket']]), 'trug', 'garden basket'),
    ).toBe(EXPANSION_WEIGHTS.same);
  });

  it('adds kinds one way: the word finds its kinds, a kind finds the word only as broader', () => {
    const lexicon = createShoppingLexicon({ kinds: { 'cutting tool': ['secateurs', 'shears'] } });
    expect(weightOf(lexicon, 'cutting tool', 'secateurs')).toBe(EXPANSION_WEIGHTS.kind);
    expect(weightOf(lexicon, 'secateurs', 'cutting tool')).toBe(EXPANSION_WEIGHTS.broader);
    expect(weightOf(lexicon, 'secateurs', 'shears')).toBeUndefined();
  });

  it('joins a kind to a general concept, and the concept’s synonyms find it too', () => {
    const lexicon = createShoppingLexicon({ kinds: { laptop: ['netbook'] } });
    expect(weightOf(lexicon, 'laptop', 'netbook')).toBe(EXPANSION_WEIGHTS.kind);
    expect(weightOf(lexicon, 'notebook', 'netbook')).toBe(EXPANSION_WEIGHTS.kind);
    expect(weightOf(lexicon, 'laptop', 'macbook')).toBe(EXPANSION_WEIGHTS.kind);
  });
});

describe('a vocabulary swapping its lexicon', () => {
  const products = [
    stocked('s1', 'Bypass Secateurs', ['Garden', 'Secateurs'], 20),
    stocked('s2', 'Anvil Secateurs', ['Garden', 'Secateurs'], 18),
    stocked('w1', 'Watering Can', ['Garden', 'Watering'], 12),
  ];

  it('resolves and names categories with the new words, the old answers forgotten', () => {
    const vocabulary = buildStoreVocabulary(products);
    expect(vocabulary.resolve('pruners').names).toEqual([]);
    expect(vocabulary.categoryWords).not.toContain('pruner');
    vocabulary.useLexicon(createShoppingLexicon({ synonyms: [['pruner', 'secateurs']] }));
    expect(vocabulary.resolve('pruners').names).toEqual(['Secateurs']);
    expect(vocabulary.categoryWords).toContain('pruner');
    expect(vocabulary.lexicon.phrases()).toContain('pruner');
    vocabulary.useLexicon(SHOPPING_LEXICON);
    expect(vocabulary.resolve('pruners').names).toEqual([]);
    expect(vocabulary.categoryWords).not.toContain('pruner');
  });
});
