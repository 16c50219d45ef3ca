/** A tiny store and hand-made answers for the eval's own tests (checks are code too). */
import type { TurnAnswer, TurnHistory } from './answer';
import { truthOf } from './truth';
import type { Truth, TruthProduct } from './types';

const product = (p: Partial<TruthProduct> & Pick<TruthProduct, 'sku' | 'name' | 'price'>) => ({
  categoryPath: [],
  text: '',
  attributes: {},
  ...p,
});

/** Jewellery in USD: no rating, no stock. */
export const jewellery: Truth = truthOf(
  [
    product({
      sku: 'choker',
      name: 'Choker with Bead',
      price: 14.99,
      brand: 'Company 123',
      categoryPath: ['Necklace'],
    }),
    product({
      sku: 'crane',
      name: 'Origami Crane Necklace',
      price: 75.99,
      brand: 'Sterling Ltd',
      categoryPath: ['Necklace'],
    }),
    product({
      sku: 'galaxy',
      name: 'Galaxy Earrings',
      price: 37.99,
      brand: 'Sterling Ltd',
      categoryPath: ['Earrings'],
    }),
    product({
      sku: 'angel',
      name: 'Guardian Angel Earrings',
      price: 19.99,
      brand: 'Sterling Ltd',
      categoryPath: ['Earrings'],
    }),
    product({
      sku: 'threader',
      name: 'Silver Threader Necklace',
      price: 14.99,
      brand: 'Sterling Ltd',
      categoryPath: ['Necklace'],
      text: 'save $5 when bought with earrings',
    }),
    product({
      sku: 'towel',
      name: '5 Star Hotel Towel',
      price: 9,
      text: 'a hotel favourite, always in stock at our warehouse, loved in 2,000 reviews',
    }),
  ],
  'USD',
);

/** Electronics in INR with ratings (counts for some) and stock. */
export const electronics: Truth = truthOf(
  [
    product({
      sku: 'tv1',
      name: 'Acme 43 inch TV',
      price: 21999,
      rating: 4.2,
      ratingCount: 24269,
      stock: 3,
    }),
    product({
      sku: 'tv2',
      name: 'Acme 55 inch TV',
      price: 41999,
      rating: 4.6,
      ratingCount: 1,
      stock: 0,
    }),
    // Rated, but the file gives no count for it.
    product({ sku: 'cable', name: 'HDMI Cable', price: 299, rating: 3.9 }),
    product({ sku: 'remote', name: 'Universal Remote', price: 499 }),
  ],
  'INR',
);

export const isNecklace = (p: TruthProduct): boolean => p.categoryPath.includes('Necklace');
export const isEarrings = (p: TruthProduct): boolean => p.categoryPath.includes('Earrings');

/** An answer showing the truth products `skus` (at their true prices unless overridden). */
export function answerOf(
  truth: Truth,
  text: string,
  skus: readonly string[] = [],
  extra: Partial<TurnAnswer> = {},
): TurnAnswer {
  const products = skus.map((sku) => {
    const p = truth.bySku.get(sku);
    return { sku, name: p?.name ?? sku, price: p?.price ?? 1 };
  });
  return { answer: text, intent: 'product_inquiry', products, sources: [], ...extra };
}

export const firstTurn = (question: string): TurnHistory => ({
  questions: [question],
  preferences: {},
  earlier: [],
});
