import { describe, expect, it } from 'vitest';
import { foldWords } from '../catalog/vocabulary/fold';
import { EXPANSION_WEIGHTS, SHOPPING_LEXICON } from './shopping-lexicon';

const synonyms = (phrase: string): string[] =>
  SHOPPING_LEXICON.expand(foldWords(phrase))
    .filter((e) => e.weight === EXPANSION_WEIGHTS.same)
    .map((e) => e.words.join(' '));

describe('general shopping synonyms', () => {
  it('names a toiletry bag by its other names', () => {
    expect(synonyms('toiletry bag')).toEqual(
      expect.arrayContaining(['toiletry kit', 'wash bag', 'dopp kit']),
    );
  });

  it('names a cushion by its other names', () => {
    expect(synonyms('cushion')).toEqual(
      expect.arrayContaining(['throw pillow', 'scatter cushion']),
    );
  });

  it('names plant milks as the drinks they are sold as', () => {
    expect(synonyms('oat milk')).toContain('oat drink');
    expect(synonyms('soya milk')).toEqual(expect.arrayContaining(['soy milk', 'soy drink']));
  });
});
