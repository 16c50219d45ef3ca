import { describe, expect, it } from 'vitest';
import { product } from '../understand/test-fixtures';
import {
  budgetText,
  categoryLabel,
  featuredCategories,
  formatPrice,
  formatRating,
  keyFact,
  listOf,
  stockText,
} from './wording';

describe('format', () => {
  it('formats prices exactly as the catalog has them', () => {
    expect(formatPrice(999)).toBe('$999');
    expect(formatPrice(1299)).toBe('$1,299');
    expect(formatPrice(1299.99)).toBe('$1,299.99');
    expect(formatPrice(49.5)).toBe('$49.50');
    expect(formatPrice(0)).toBe('$0');
  });

  it('formats ratings, stock and lists', () => {
    expect(formatRating(4)).toBe('4/5');
    expect(formatRating(4.67)).toBe('4.7/5');
    const p = product({ sku: 'a', name: 'A', brand: 'B', price: 1 });
    expect(stockText({ ...p, stock: 0 })).toBe('out of stock');
    expect(stockText({ ...p, stock: 3 })).toBe('in stock (only 3 left)');
    expect(stockText({ ...p, stock: 30 })).toBe('in stock (30 available)');
    expect(listOf([])).toBe('');
    expect(listOf(['a'])).toBe('a');
    expect(listOf(['a', 'b', 'c'], 'or')).toBe('a, b or c');
  });

  it('takes the first sentence of the description as the key fact, cut at a word', () => {
    const p = product({
      sku: 'a',
      name: 'A',
      brand: 'B',
      price: 1,
      description: 'Fast 5.5 GHz chip. Second.',
    });
    expect(keyFact(p)).toBe('Fast 5.5 GHz chip.');
    const long = product({
      sku: 'b',
      name: 'B',
      brand: 'B',
      price: 1,
      description: `${'word '.repeat(40)}end`,
    });
    expect(keyFact(long, 30)).toBe('word word word word word word…');
    expect(keyFact({ ...p, description: '' })).toBe('');
    expect(keyFact({ ...p, description: 'No full stop' })).toBe('No full stop.');
  });

  it('labels categories, including a store’s own', () => {
    expect(categoryLabel('tv')).toBe('TVs');
    expect(categoryLabel('home-appliance', false)).toBe('home appliance');
    expect(categoryLabel('headphones', false)).toBe('pair of headphones');
    expect(categoryLabel('Garden Tool')).toBe('garden tools');
    expect(categoryLabel('Blenders', false)).toBe('blender');
  });

  it('describes budgets', () => {
    expect(budgetText({ maxPrice: 300 })).toBe('up to $300');
    expect(budgetText({ minPrice: 1000 })).toBe('from $1,000 up');
    expect(budgetText({ minPrice: 500, maxPrice: 999.99 })).toBe('between $500 and $999.99');
    expect(budgetText({})).toBe('');
  });

  it('puts the best known categories first', () => {
    expect(featuredCategories(['accessory', 'Garden', 'laptop', 'smartphone'])).toEqual([
      'smartphone',
      'laptop',
      'accessory',
      'Garden',
    ]);
  });
});
