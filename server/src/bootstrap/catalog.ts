import { createCatalog } from '../catalog/catalog';
import { loadCatalogSource } from '../catalog/catalog-source';
import { loadDemoProducts } from '../catalog/demo';
import type { Catalog } from '../catalog/types';
import type { Config } from '../config';
import type { Logger } from '../logger';

/**
 * The store's catalog from CATALOG_FILE (a file or a directory, read through CATALOG_MAPPING
 * when set; currency from CATALOG_CURRENCY or detected), or the bundled demo catalog.
 */
export async function loadCatalog(config: Config, log: Logger): Promise<Catalog> {
  if (!config.CATALOG_FILE) {
    const catalog = createCatalog(loadDemoProducts());
    log.info('catalog loaded', {
      source: 'demo',
      products: catalog.size,
      version: catalog.version,
    });
    return catalog;
  }
  const report = await loadCatalogSource(config.CATALOG_FILE, {
    mapping: config.CATALOG_MAPPING,
    currency: config.CATALOG_CURRENCY,
  });
  for (const f of report.files.filter((f) => f.role !== 'products')) {
    log.info('catalog file', { file: f.file, role: f.role, detail: f.detail });
  }
  for (const s of report.skipped.slice(0, 20)) {
    log.warn('catalog row skipped', { file: s.file, row: s.row, reason: s.reason });
  }
  if (report.products.length === 0) {
    throw new Error(
      `CATALOG_FILE ${config.CATALOG_FILE}: no usable products (${report.skipped.length} rows skipped)`,
    );
  }
  const catalog = createCatalog(report.products, { currency: report.currency });
  log.info('catalog loaded', {
    source: config.CATALOG_FILE,
    format: report.format,
    files: report.files.filter((f) => f.role === 'products').length,
    products: catalog.size,
    skipped: report.skipped.length,
    currency: catalog.currency,
    currencySource: report.currencySource,
    version: catalog.version,
  });
  return catalog;
}
