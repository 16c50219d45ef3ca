import { fileURLToPath } from 'node:url';

/**
 * The folder of real catalogs the sets are written for: `EVAL_CATALOGS`, else `../shared/catalogs/`
 * beside the repository (as `pnpm eval` finds it).
 */
export const kitFolder = (): string =>
  process.env.EVAL_CATALOGS ??
  fileURLToPath(new URL('../../../../shared/catalogs/', import.meta.url));
