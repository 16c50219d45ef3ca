import { decode } from 'html-entities';
import { hasMarkup, htmlToText } from './formats/html-text';

/** The product model keeps at most this many levels (deeper trees are cut at the leaf's side). */
export const MAX_LEVELS = 12;

/** Level separators stores write, tried in this order: the first one present splits the text. */
const SEPARATORS: readonly RegExp[] = [/\r?\n/, /\s*>>\s*/, /\s*>\s*/, /\s*[»›]\s*/, /\s*\|\s*/];

/** Text as the store wrote it, without markup or entities (`&amp;` -> `&`), spaces folded. */
export function plainLabel(value: string): string {
  const text = hasMarkup(value) ? htmlToText(value) : value;
  return text.replace(/\s+/g, ' ').trim();
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Algolia-style `{lvl0: "A", lvl1: "A > B"}`: the deepest level holds the whole path. */
function deepestLevel(value: Readonly<Record<string, unknown>>): unknown {
  const levels = Object.keys(value)
    .map((key) => ({ key, n: /^lvl(\d+)$/i.exec(key)?.[1] }))
    .filter((level) => level.n !== undefined)
    .sort((a, b) => Number(b.n) - Number(a.n));
  for (const { key } of levels) {
    const v = value[key];
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string' && first.trim() !== '') return first;
  }
  return undefined;
}

/** `{name: "TVs"}` / `{title: ...}` / `{label: ...}` (API category objects) -> its name. */
function labelOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (!isRecord(value)) return undefined;
  for (const key of ['name', 'title', 'label', 'value']) {
    const v = value[key];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/**
 * "A/B/C" is a path only when it clearly is one: two or more slashes (or a column named as a
 * path) and no empty level; one slash ("Cables/Adapters", "1/2 inch") is part of a name. URLs
 * are never split.
 */
function splitsOnSlash(text: string, isPathColumn: boolean): boolean {
  if (!text.includes('/') || text.includes('://')) return false;
  const parts = text.split('/');
  if (parts.some((part) => part.trim() === '' || /^\s*\d+\s*$/.test(part))) return false;
  return isPathColumn || parts.length >= 3;
}

const depth = (label: string): number => label.split('>').length;

function splitText(raw: string, isPathColumn: boolean): string[] {
  // `&gt;` is a separator too once decoded.
  const text = (hasMarkup(raw) ? decode(raw, { level: 'html5' }) : raw).trim();
  for (const separator of SEPARATORS) if (separator.test(text)) return text.split(separator);
  if (splitsOnSlash(text, isPathColumn)) return text.split('/');
  return [text];
}

/**
 * A store's category value as a path, root first: an array (`["TVs", "Flat-Panel TVs"]`, or
 * category objects with a `name`), a string `A > B > C`, `A|B|C`, `A >> B`, `A/B/C` (see
 * splitsOnSlash), one level per line, or Algolia's `{lvl0, lvl1...}`. Levels are trimmed, entities
 * decoded and empty ones dropped. Undefined when nothing is left.
 */
export function parseCategoryPath(
  value: unknown,
  options: { isPathColumn?: boolean } = {},
): string[] | undefined {
  let levels: string[];
  if (Array.isArray(value)) {
    const labels = value.map(labelOf).filter((l): l is string => l !== undefined);
    // ["A", "A > B"] lists every level's own path: the deepest one says it all.
    const listed = labels.filter((l) => l.includes('>'));
    if (listed.length > 0) {
      const deepest = listed.reduce((a, b) => (depth(b) > depth(a) ? b : a));
      levels = splitText(deepest, true);
    } else {
      levels =
        labels.length === 1 ? splitText(labels[0] ?? '', options.isPathColumn ?? false) : labels;
    }
  } else if (isRecord(value)) {
    const deepest = deepestLevel(value);
    if (deepest !== undefined) return parseCategoryPath(deepest, { isPathColumn: true });
    const label = labelOf(value);
    levels = label === undefined ? [] : [label];
  } else if (typeof value === 'string') {
    return cachedPath(value, options.isPathColumn ?? false);
  } else if (typeof value === 'number') {
    levels = [String(value)];
  } else {
    return undefined;
  }
  return finish(levels);
}

/** Catalogs repeat their category strings: each distinct one is parsed once (bounded). */
const PATH_CACHE = new Map<string, string[] | undefined>();
const PATH_CACHE_MAX = 20_000;

function cachedPath(value: string, isPathColumn: boolean): string[] | undefined {
  const key = `${isPathColumn ? 1 : 0}${value}`;
  let path = PATH_CACHE.get(key);
  if (path === undefined && !PATH_CACHE.has(key)) {
    if (PATH_CACHE.size >= PATH_CACHE_MAX) PATH_CACHE.clear();
    path = finish(splitText(value, isPathColumn));
    PATH_CACHE.set(key, path);
  }
  return path && [...path];
}

function finish(levels: readonly string[]): string[] | undefined {
  const path = levels.map(plainLabel).filter((level) => level !== '');
  if (path.length === 0) return undefined;
  return path.length > MAX_LEVELS ? path.slice(path.length - MAX_LEVELS) : path;
}
