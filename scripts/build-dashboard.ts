/**
 * Builds the admin dashboard: client/dashboard bundled for the browser (build-page.ts).
 * `pnpm exec tsx scripts/build-dashboard.ts [outDir]`
 */
import { fileURLToPath } from 'node:url';
import { buildPage, buildWhenRun, type PageBuild } from './build-page.ts';

const SOURCE_DIR = fileURLToPath(new URL('../client/dashboard/', import.meta.url));
const DEFAULT_OUT_DIR = fileURLToPath(new URL('../client/dist/dashboard/', import.meta.url));

export const buildDashboard = (outDir: string = DEFAULT_OUT_DIR): Promise<PageBuild> =>
  buildPage(SOURCE_DIR, outDir);

buildWhenRun(import.meta.url, 'dashboard', buildDashboard);
