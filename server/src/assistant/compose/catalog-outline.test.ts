import { describe, expect, it } from 'vitest';
import { catalogOutline, outlineOfNames, suggestedCategories } from './catalog-outline';

const p = (category_path: string[]) => ({ category: category_path.at(-1) ?? '', category_path });

describe('catalogOutline', () => {
  const outline = catalogOutline([
    p(['Electronics', 'TV & Video', 'Flat-Panel TVs']),
    p(['Electronics', 'TV & Video', 'TV Mounts']),
    p(['Electronics', 'Cameras']),
    p(['Home', 'Kitchen']),
    // A path that names a level twice counts the product once.
    p(['Home', 'Home']),
    { category: 'Gift Cards' },
  ]);

  it('counts every level of every path once per product, biggest first, as written', () => {
    expect(outline.top).toEqual(['Electronics', 'Home', 'Gift Cards']);
    expect(outline.categories.slice(0, 3).map((c) => [c.name, c.count, c.depth])).toEqual([
      ['Electronics', 3, 0],
      ['Home', 2, 0],
      ['TV & Video', 2, 1],
    ]);
  });

  it('suggests categories sharing a word with the question, else the biggest top-level ones', () => {
    expect(suggestedCategories(outline, 'any cheap tv mounts?')).toEqual({
      related: true,
      names: ['TV Mounts', 'TV & Video', 'Flat-Panel TVs'],
    });
    expect(suggestedCategories(outline, 'a digital camera')).toEqual({
      related: true,
      names: ['Cameras'],
    });
    expect(suggestedCategories(outline, 'drones', 2)).toEqual({
      related: false,
      names: ['Electronics', 'Home'],
    });
    expect(suggestedCategories(outlineOfNames([]), 'drones')).toEqual({
      related: false,
      names: [],
    });
  });
});
