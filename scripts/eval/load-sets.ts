/**
 * The registry of question sets: one module per real catalog in the kit, each default-exporting
 * a CatalogSet (`export default set satisfies CatalogSet`).
 *
 * The list is explicit: a set that is missing, fails to import, or exports something else is
 * REPORTED (score 0, the reason printed) and the other sets still run. Modules are imported by
 * path so that one missing file does not stop the whole run; `pnpm typecheck` still checks
 * every set file, since tsconfig includes scripts/.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CatalogSet } from './types';

export const SET_NAMES = [
  'shopify-official-samples',
  'shopify-unshattered-bags',
  'magento-luma',
  'amazon-in-electronics',
  'ocado-grocery',
] as const;

export type LoadedSet = { name: string; set: CatalogSet } | { name: string; error: string };

const setPath = (name: string): string =>
  fileURLToPath(new URL(`./sets/${name}.ts`, import.meta.url));

/** True when `value` has the shape of a CatalogSet (a module exporting something else is a bug). */
export function isCatalogSet(value: unknown): value is CatalogSet {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.name === 'string' &&
    typeof v.file === 'string' &&
    typeof v.readTruth === 'function' &&
    Array.isArray(v.cases)
  );
}

/** One set by name, or why it could not be loaded. */
export async function loadSet(name: string, path = setPath(name)): Promise<LoadedSet> {
  if (!existsSync(path)) return { name, error: `set file missing: ${path}` };
  try {
    const module: { default?: unknown } = await import(pathToFileURL(path).href);
    if (!isCatalogSet(module.default))
      return { name, error: 'the module does not default-export a CatalogSet' };
    if (module.default.name !== name)
      return { name, error: `the set calls itself "${module.default.name}"` };
    return { name, set: module.default };
  } catch (err) {
    return { name, error: `failed to import: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The sets to run: all, or the one `only` names. */
export async function loadSets(only?: string): Promise<LoadedSet[]> {
  const names = only === undefined ? [...SET_NAMES] : [only];
  return Promise.all(names.map((name) => loadSet(name)));
}
