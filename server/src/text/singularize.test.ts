import { describe, expect, it } from 'vitest';
import { singularize } from './singularize';

describe('singularize', () => {
  it.each([
    ['smartphones', 'smartphone'],
    ['batteries', 'battery'],
    ['watches', 'watch'],
    ['glasses', 'glass'],
    ['hoodies', 'hoodie'],
    ['mice', 'mouse'],
    ['tvs', 'tv'],
    ['womens', 'woman'],
    ['women', 'woman'],
    ['mens', 'men'],
    ['headphones', 'headphones'],
  ])('%s -> %s', (word, expected) => {
    expect(singularize(word)).toBe(expected);
  });
});
