import type { Intent, Product, ProductCard } from '@aisle/shared';

/** What the cache keeps of an answer: products by SKU, re-read from the catalog on a hit. */
export interface CachedAnswer {
  answer: string;
  intent: Intent;
  skus: string[];
  sources: { id: string; title: string }[];
  /** A follow-up about products shown earlier leaves the session's RAG context as it was. */
  followUp?: boolean;
}

export const toCard = (p: Product): ProductCard => ({
  sku: p.sku,
  name: p.name,
  price: p.price,
  category: p.category,
  brand: p.brand,
  rating: p.rating,
  stock: p.stock,
  description: p.description,
});
