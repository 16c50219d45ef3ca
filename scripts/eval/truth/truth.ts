import type { Truth, TruthProduct } from '../types';

/** A Truth from products read off a raw file; the first product of a repeated sku wins. */
export function makeTruth(
  products: readonly TruthProduct[],
  currency: string,
  has: Truth['has'],
): Truth {
  const bySku = new Map<string, TruthProduct>();
  for (const product of products) if (!bySku.has(product.sku)) bySku.set(product.sku, product);
  return { products: [...bySku.values()], bySku, currency, has };
}
