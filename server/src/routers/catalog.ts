import { CatalogInfoSchema } from '@aisle/shared';
import { publicProcedure, router } from '../trpc';

export const catalogRouter = router({
  /**
   * The catalog's currency, size and version. Public and not rate-limited: three fields read
   * from memory, no store call.
   */
  info: publicProcedure.output(CatalogInfoSchema).query(({ ctx }) => {
    const { catalog } = ctx.deps.services;
    return { currency: catalog.currency, product_count: catalog.size, version: catalog.version };
  }),
});
