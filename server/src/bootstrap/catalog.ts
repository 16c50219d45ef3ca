import { createCatalog } from '../catalog/catalog';
import { loadDemoProducts } from '../catalog/demo';
import { loadCatalogFile } from '../catalog/load';
import type { Catalog } from '../catalog/types';
import type { Config } from '../config';
import type { Logger } from '../logger';

/** The store's catalog from CATALOG_FILE, or the bundled demo catalog. */
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
  const report = await loadCatalogFile(config.CATALOG_FILE);
  for (const s of report.skipped.slice(0, 20))
    log.warn('catalog row skipped', { row: s.row, reason: s.reason });
  if (report.products.length === 0) {
    throw new Error(
      `CATALOG_FILE ${config.CATALOG_FILE}: no usable products (${report.skipped.length} rows skipped)`,
    );
  }
  const catalog = createCatalog(report.products);
  log.info('catalog loaded', {
    source: config.CATALOG_FILE,
    format: report.format,
    products: catalog.size,
    skipped: report.skipped.length,
    version: catalog.version,
  });
  return catalog;
}
