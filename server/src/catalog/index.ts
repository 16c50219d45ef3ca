export { catalogVersion, createCatalog } from './catalog';
export { categoryKey, normalizeCategory } from './category';
export { createDemoCatalog, loadDemoProducts } from './demo';
export { generateProducts } from './generate';
export {
  type CatalogFormat,
  CatalogLoadError,
  detectFormat,
  loadCatalogFile,
  type ParsedCatalog,
  parseCatalog,
  type SkippedRow,
} from './load';
export type { Catalog, SearchHit } from './types';
