import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitFolder } from '../kit';
import set from './amazon-in-electronics';
import { missingKinds, setProblems, turnCount } from './set-sanity';

const dir = join(kitFolder(), 'amazon-in-electronics');
const truth = set.readTruth(dir);

describe('amazon-in-electronics truth', () => {
  it('holds one product per product_id, in rupees, with ratings but no stock or brand column', () => {
    expect(truth.products).toHaveLength(1351);
    expect(truth.currency).toBe('INR');
    expect(truth.has).toEqual({ rating: true, stock: false, brand: false });
    expect(truth.products.every((p) => p.stock === undefined && p.brand === undefined)).toBe(true);
  });

  it('reads the selling price, the path, the rating and its count of a row', () => {
    expect(truth.bySku.get('B07JW9H4J1')).toMatchObject({
      price: 399,
      rating: 4.2,
      ratingCount: 24269,
      categoryPath: [
        'Computers&Accessories',
        'Accessories&Peripherals',
        'Cables&Accessories',
        'Cables',
        'USBCables',
      ],
      attributes: { actual_price: '₹1,099', discount_percentage: '64%', rating_count: '24,269' },
    });
    // Indian digit grouping: ₹77,990 selling, ₹1,39,900 list.
    expect(truth.bySku.get('B09WN3SRC7')?.price).toBe(77990);
  });

  it('leaves the rating out where the file holds none', () => {
    const vacuum = truth.bySku.get('B08L12N5H1');
    expect(vacuum?.price).toBe(2099);
    expect(vacuum?.rating).toBeUndefined();
    // Rated, with an empty rating_count cell: no count.
    expect(truth.bySku.get('B0B94JPY2N')).toMatchObject({ rating: 3 });
    expect(truth.bySku.get('B0B94JPY2N')?.ratingCount).toBeUndefined();
  });
});

describe('amazon-in-electronics question set', () => {
  it('asks at least 40 turns over every kind of question', () => {
    expect(turnCount(set)).toBeGreaterThanOrEqual(40);
    expect(missingKinds(set)).toEqual([]);
  });

  it('has no expectation the store cannot meet', () => {
    expect(setProblems(set, truth)).toEqual([]);
  });
});
