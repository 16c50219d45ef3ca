/**
 * Builds the example storefront chat page (/chat): client/storefront-chat, the `ai` package's
 * chat included, bundled for the browser (build-page.ts).
 * `pnpm exec tsx scripts/build-storefront-chat.ts [outDir]`
 */
import { fileURLToPath } from 'node:url';
import { buildPage, buildWhenRun, type PageBuild } from './build-page.ts';

const SOURCE_DIR = fileURLToPath(new URL('../client/storefront-chat/', import.meta.url));
const DEFAULT_OUT_DIR = fileURLToPath(new URL('../client/dist/storefront-chat/', import.meta.url));

export const buildStorefrontChat = (outDir: string = DEFAULT_OUT_DIR): Promise<PageBuild> =>
  buildPage(SOURCE_DIR, outDir);

buildWhenRun(import.meta.url, 'storefront chat', buildStorefrontChat);
