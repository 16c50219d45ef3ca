import { readFileSync } from 'node:fs';
import { type Product, ProductSchema } from '@aisle/shared';
import { z } from 'zod';
import { createCatalog } from './catalog';
import type { Catalog } from './types';

const DEMO_FILE = new URL('./data/demo-products.json', import.meta.url);

/** The bundled demo catalog (~200 real-looking 2023-2025 products over every category slug). */
export function loadDemoProducts(): Product[] {
  const data: unknown = JSON.parse(readFileSync(DEMO_FILE, 'utf8'));
  // Our own data: any problem is a bug, so fail loudly instead of skipping rows.
  return z.array(ProductSchema).parse(data);
}

export function createDemoCatalog(): Catalog {
  return createCatalog(loadDemoProducts());
}
