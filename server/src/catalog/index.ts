export { catalogVersion, createCatalog } from './catalog';
export {
  type CatalogFileReport,
  type CatalogSourceOptions,
  type LoadedCatalog,
  loadCatalogSource,
} from './catalog-source';
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
export { type CatalogMapping, loadMapping, MappingError, parseMapping } from './mapping';
export type { Catalog, SearchHit } from './types';
