import type { Product, ProductQuery } from '@aisle/shared';
import type { Catalog, SearchHit } from '../catalog/types';
import { STRONG_EVIDENCE } from '../catalog/vocabulary/resolve-category';
import { buildStoreVocabulary } from '../catalog/vocabulary/store-vocabulary';
import { sortProducts } from './retrieve';

/**
 * A minimal in-memory Catalog for unit tests: text is an OR of words over name, brand, tags
 * and description; filters and sorts as the Catalog contract describes. Records every query.
 */
export function createTestCatalog(
  products: readonly Product[],
): Catalog & { queries: ProductQuery[] } {
  const queries: ProductQuery[] = [];
  const lower = (s: string) => s.toLowerCase();
  const distinct = (values: string[]) => [...new Set(values)];
  const vocabulary = buildStoreVocabulary(products);
  // The category scope as the real catalog resolves it (catalog/vocabulary).
  const inCategory = (p: Product, category: string): boolean => {
    const scope = vocabulary.resolve(category);
    const group = vocabulary.tree.groupOfProduct(p);
    return scope.best >= STRONG_EVIDENCE && group !== undefined && scope.groups.includes(group);
  };
  return {
    version: 'test',
    size: products.length,
    currency: 'USD',
    queries,
    vocabulary,
    missingTerms: () => [],
    unknownWords: () => [],
    get: (sku) => products.find((p) => p.sku === sku),
    brands: () => distinct(products.map((p) => p.brand)),
    categories: () => distinct(products.map((p) => p.category)),
    all: () => products,
    search(query: ProductQuery): SearchHit[] {
      queries.push(query);
      const words = lower(query.text).split(/\W+/).filter(Boolean);
      const hits = products
        .filter(
          (p) =>
            (query.category === undefined || inCategory(p, query.category)) &&
            (query.brands === undefined ||
              query.brands.length === 0 ||
              query.brands.some((b) => lower(b) === lower(p.brand))) &&
            (query.minPrice === undefined || p.price >= query.minPrice) &&
            (query.maxPrice === undefined || p.price <= query.maxPrice) &&
            (query.inStockOnly !== true || (p.stock ?? 0) > 0),
        )
        .map((product) => {
          const haystack = lower(
            `${product.name} ${product.brand} ${product.tags.join(' ')} ${product.description}`,
          );
          return { product, score: words.filter((w) => haystack.includes(w)).length };
        })
        .filter((h) => words.length === 0 || h.score > 0);
      const sorted =
        query.sort === 'relevance'
          ? hits.sort(
              (a, b) => b.score - a.score || (b.product.rating ?? -1) - (a.product.rating ?? -1),
            )
          : sortProducts(
              hits.map((h) => h.product),
              query.sort,
            ).map((product) => ({
              product,
              score: hits.find((h) => h.product === product)?.score ?? 0,
            }));
      return sorted.slice(0, query.limit);
    },
  };
}
