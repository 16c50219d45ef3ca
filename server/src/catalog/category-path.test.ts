import { describe, expect, it } from 'vitest';
import { parseCategoryPath } from './category-path';

describe('parseCategoryPath', () => {
  it.each([
    ['Electronics > TV & Video > Flat-Panel TVs', ['Electronics', 'TV & Video', 'Flat-Panel TVs']],
    ['Computers&Accessories|Cables|USBCables', ['Computers&Accessories', 'Cables', 'USBCables']],
    ['Home >> Kitchen', ['Home', 'Kitchen']],
    ['Home » Kitchen » Knives', ['Home', 'Kitchen', 'Knives']],
    ['Men/Tops/Jackets', ['Men', 'Tops', 'Jackets']],
    ['Gear\nBags', ['Gear', 'Bags']],
    ['  Flat-Panel TVs ', ['Flat-Panel TVs']],
    ['TV &amp; Video &gt; TVs', ['TV & Video', 'TVs']],
    ['Home > > Kitchen', ['Home', 'Kitchen']],
  ])('%j -> %j', (input, expected) => {
    expect(parseCategoryPath(input)).toEqual(expected);
  });

  it('splits on one slash only in a path column; never a URL, a fraction or an empty level', () => {
    expect(parseCategoryPath('Cables/Adapters')).toEqual(['Cables/Adapters']);
    expect(parseCategoryPath('Cables/Adapters', { isPathColumn: true })).toEqual([
      'Cables',
      'Adapters',
    ]);
    expect(parseCategoryPath('1/2 inch/drills/bits')).toEqual(['1/2 inch/drills/bits']);
    expect(parseCategoryPath('https://shop.example/c/tvs/flat')).toEqual([
      'https://shop.example/c/tvs/flat',
    ]);
    expect(parseCategoryPath('/Men/Tops')).toEqual(['/Men/Tops']);
  });

  it('reads arrays root first, category objects and Algolia levels', () => {
    expect(parseCategoryPath(['TV & Home Theater', 'TVs', 'Flat-Panel TVs'])).toEqual([
      'TV & Home Theater',
      'TVs',
      'Flat-Panel TVs',
    ]);
    expect(parseCategoryPath(['Flat-Panel TVs'])).toEqual(['Flat-Panel TVs']);
    expect(parseCategoryPath(['Cables/Adapters'])).toEqual(['Cables/Adapters']);
    expect(parseCategoryPath(['TVs > Flat-Panel TVs'])).toEqual(['TVs', 'Flat-Panel TVs']);
    expect(parseCategoryPath([{ id: 'c1', name: 'Audio' }, { name: 'Headphones' }])).toEqual([
      'Audio',
      'Headphones',
    ]);
    expect(
      parseCategoryPath(['Audio', 'Audio > Headphones', 'Audio > Headphones > Earbuds']),
    ).toEqual(['Audio', 'Headphones', 'Earbuds']);
    expect(parseCategoryPath({ lvl0: 'Audio', lvl1: 'Audio > Headphones' })).toEqual([
      'Audio',
      'Headphones',
    ]);
  });

  it('is undefined for nothing and keeps the 12 levels nearest the leaf', () => {
    expect(parseCategoryPath('')).toBeUndefined();
    expect(parseCategoryPath([])).toBeUndefined();
    expect(parseCategoryPath(undefined)).toBeUndefined();
    const deep = Array.from({ length: 14 }, (_, i) => `L${i}`);
    expect(parseCategoryPath(deep.join(' > '))).toEqual(deep.slice(2));
  });
});
