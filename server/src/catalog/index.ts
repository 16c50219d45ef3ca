export { catalogVersion, createCatalog } from './catalog';
export { categoryKey, normalizeCategory } from './category';
export { createDemoCatalog, loadDemoProducts } from './demo';
export { generateProducts } from './generate';
export {
  type CatalogFormat,
  detectFormat,
  loadCatalogFile,
  type ParsedCatalog,
  parseCatalog,
} from './load';
export { CatalogLoadError, type SkippedRow } from './load-errors';
export type { Catalog, SearchHit } from './types';
