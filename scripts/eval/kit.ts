import { fileURLToPath } from 'node:url';

/**
 * The folder of real catalogs the sets are written for, one sub-folder per catalog:
 * `EVAL_CATALOGS`, else `../shared/catalogs/` beside the repository. `pnpm eval` and the sets'
 * own tests find it here and nowhere else.
 */
export const kitFolder = (): string =>
  process.env.EVAL_CATALOGS ?? fileURLToPath(new URL('../../../shared/catalogs/', import.meta.url));
