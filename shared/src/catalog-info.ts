import { z } from 'zod';

/**
 * What a storefront needs to show the catalog's prices as the assistant quotes them: product
 * cards carry a currency only when the store's file names one per item, cart lines carry none.
 */
export const CatalogInfoSchema = z.object({
  /** ISO 4217: CATALOG_CURRENCY, else the one the store's file uses most (USD when it names none). */
  currency: z.string().regex(/^[A-Z]{3}$/),
  product_count: z.number().int().nonnegative(),
  /** Changes whenever the catalog's content does (a hash of it). */
  version: z.string(),
});
export type CatalogInfo = z.infer<typeof CatalogInfoSchema>;
