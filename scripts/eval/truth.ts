import type { Truth, TruthProduct } from './types';

/**
 * A Truth from a set's products: the sku index and what the file holds at all (`has`), so
 * each set's reader only parses its file. Duplicate skus are a bug in the reader: thrown, so
 * the set is reported as broken rather than scored against an ambiguous truth.
 */
export function truthOf(products: TruthProduct[], currency: string): Truth {
  const bySku = new Map<string, TruthProduct>();
  for (const p of products) {
    if (bySku.has(p.sku)) throw new Error(`truth has the sku "${p.sku}" twice`);
    bySku.set(p.sku, p);
  }
  return {
    products,
    bySku,
    currency,
    has: {
      rating: products.some((p) => p.rating !== undefined),
      stock: products.some((p) => p.stock !== undefined),
      brand: products.some((p) => (p.brand ?? '') !== ''),
    },
  };
}
