import { CATEGORIES } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { CATEGORY_LEXICON, namesOf, storeNamesOf } from './category-lexicon';

describe('the category lexicon', () => {
  it('names every canonical category, in singular', () => {
    for (const slug of CATEGORIES) {
      expect(CATEGORY_LEXICON[slug].strong.length).toBeGreaterThan(0);
      for (const word of namesOf(slug)) expect(word).toBe(word.toLowerCase());
    }
  });

  it('maps store names through kinds, except for umbrella categories', () => {
    expect(storeNamesOf('headphones')).toContain('earbud');
    expect(storeNamesOf('home-appliance')).not.toContain('blender');
    expect(storeNamesOf('accessory')).not.toContain('keyboard');
    expect(storeNamesOf('accessory')).toContain('accessory');
  });

  it('leaves weak words out of store names and index words', () => {
    expect(storeNamesOf('smartwatch')).not.toContain('watch');
    expect(namesOf('laptop')).not.toContain('computer');
  });
});
