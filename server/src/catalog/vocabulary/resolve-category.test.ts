import { describe, expect, it } from 'vitest';
import { ELECTRONICS_STORE, GROCERY_STORE, stocked } from './fixtures';
import { buildStoreVocabulary } from './store-vocabulary';

const electronics = buildStoreVocabulary(ELECTRONICS_STORE);
const grocery = buildStoreVocabulary(GROCERY_STORE);

const scopeNames = (phrase: string, vocabulary = electronics) => vocabulary.resolve(phrase).names;
const relatedNames = (phrase: string, vocabulary = electronics) => {
  const { tree } = vocabulary;
  return vocabulary.resolve(phrase).related.map((g) => tree.nodes[tree.nodeOfGroup[g] ?? 0]?.name);
};

describe('category tree', () => {
  it('has a node at every level of every path', () => {
    expect(electronics.categoryNames).toEqual(
      expect.arrayContaining(['Electronics', 'TV & Video', 'Laptops', 'PC Laptops', 'MacBooks']),
    );
    expect(electronics.tree.groupCount).toBe(12);
  });

  it('folds brand marks and case into one brand', () => {
    expect(electronics.brands.get('apple')).toBe('Apple®');
    expect(electronics.brands.get('insignia')).toBe('Insignia™');
  });
});

describe('soft category resolution', () => {
  it('finds TVs by head noun, before the mounts and antennas TVs only qualify', () => {
    expect(scopeNames('tv').sort()).toEqual(['Flat-Panel TVs', 'TVs']);
    expect(scopeNames('TVs').sort()).toEqual(['Flat-Panel TVs', 'TVs']);
    expect(scopeNames('television').sort()).toEqual(['Flat-Panel TVs', 'TVs']);
    const related = relatedNames('tv');
    expect(related.indexOf('TV Mounts')).toBeGreaterThan(related.indexOf('TVs'));
    expect(related).toContain('TV Antennas');
  });

  it('finds every kind of laptop through the general lexicon, but not laptop stands', () => {
    expect(scopeNames('laptop').sort()).toEqual(['Chromebooks', 'MacBooks', 'PC Laptops']);
    expect(scopeNames('notebooks').sort()).toEqual(['Chromebooks', 'MacBooks', 'PC Laptops']);
    expect(scopeNames('laptop')).not.toContain('Laptop Accessories');
  });

  it('knows a phone category by a synonym and a node name at any level', () => {
    expect(scopeNames('smartphone').sort()).toEqual(['Samsung Galaxy', 'iPhone']);
    expect(scopeNames('video')).toContain('Streaming Media Players');
  });

  it('reads run-together store words', () => {
    expect(scopeNames('soft drink', grocery)).toEqual(['SoftDrinks']);
    expect(scopeNames('sweets', grocery)).toEqual(['Chocolate&Sweets']);
    expect(scopeNames('egg', grocery)).toEqual(['Eggs']);
  });

  it('uses synonyms when the store names the thing only beside others ("TV & Video")', () => {
    const av = ['Electronics', 'HomeTheater,TV&Video'];
    const store = buildStoreVocabulary([
      stocked('t1', 'Smart LED TV 32in', [...av, 'Televisions', 'SmartTelevisions'], 7299),
      stocked('r1', 'TV Remote', [...av, 'Accessories', 'RemoteControls'], 205),
      stocked('l1', 'Traditional Laptop', ['Computers', 'Laptops', 'TraditionalLaptops'], 30000),
      stocked('n1', 'Ruled Notebook A4', ['Office', 'Paper', 'WireboundNotebooks'], 150),
    ]);
    expect(store.resolve('tv').names).toEqual(['SmartTelevisions']);
    expect(store.resolve('smart tv').names).toEqual(['SmartTelevisions']);
    // The shopper's own word found in the store outweighs a synonym's other meaning.
    expect(store.resolve('laptop').names).toEqual(['TraditionalLaptops']);
    expect(store.resolve('notebook').names).toEqual(['WireboundNotebooks']);
  });

  it('tells a sibling from a broader category', () => {
    const bags = buildStoreVocabulary([
      stocked('b1', 'Canvas Tote', ['Bags', 'Tote Bags'], 20),
      stocked('b2', 'Padded Sleeve', ['Bags', 'Laptop Bags'], 30),
      { ...stocked('b3', 'Daypack', [], 40), category: 'Luggage & Bags > Backpacks' },
    ]);
    expect(bags.resolve('tote bag').names).toEqual(['Tote Bags']);
    // A backpack is a bag (general lexicon).
    expect(bags.resolve('bag').names).toEqual(['Tote Bags', 'Laptop Bags', 'Backpacks']);
    expect(bags.resolve('backpack').names).toEqual(['Backpacks']);
    expect(bags.categoryNames).toContain('Luggage & Bags');
  });

  it('gives no strong evidence for what the store does not sell', () => {
    expect(electronics.resolve('blender').best).toBe(0);
    expect(electronics.resolve('mount').best).toBeGreaterThan(0.5);
    expect(grocery.resolve('tv').best).toBe(0);
  });

  it('suggests a few categories near a word, else the largest, never the whole tree', () => {
    expect(electronics.suggest('tv', 3)).toEqual(['TVs', 'Flat-Panel TVs', 'TV Mounts']);
    expect(electronics.suggest('blender', 2)).toEqual(['TV & Video', 'Computers & Tablets']);
    const { categories, brands } = electronics.top(2);
    expect(categories).toEqual(['TV & Video', 'Computers & Tablets']);
    expect(brands).toEqual(['Apple®', 'Samsung®']);
  });

  it('lists the category words a question may use, from the store and the lexicon', () => {
    expect(electronics.categoryWords).toEqual(
      expect.arrayContaining([
        'tv',
        'laptop',
        'macbook',
        'notebook',
        'television',
        'flat panel tv',
      ]),
    );
    expect(electronics.categoryWords).not.toContain('blender');
  });
});
