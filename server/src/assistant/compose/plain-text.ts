import { htmlToText } from '../../catalog/formats/html-text';

/**
 * Store text as one plain line. The importer already turns HTML bodies into text, but a store
 * file, an admin or an older cache entry can still hold markup or entities (`&#174;`,
 * `<br>`): an answer never shows them.
 */
export function plainText(text: string): string {
  const plain = /[<&]/.test(text) ? htmlToText(text) : text;
  return plain.replace(/\s+/g, ' ').trim();
}

/** Longest name an answer writes out; the full name stays in the answer's `products`. */
export const NAME_MAX = 70;

/**
 * A long store name ("Boat Bassheads 100 in-Ear Wired Earphones with Mic, Super Extra Bass,
 * 10mm Drivers, ...") cut at a word near `max` characters, with an ellipsis. Short names are
 * returned whole: they are how the store and the shopper know the product.
 */
export function shortName(name: string, max = NAME_MAX): string {
  const plain = plainText(name);
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  let head = space >= max / 2 ? cut.slice(0, space) : plain.slice(0, max);
  // "Phone (Black, 128GB" reads broken: an unclosed bracket goes with what it opened.
  const open = head.lastIndexOf('(');
  if (open > max / 2 && head.indexOf(')', open) === -1) head = head.slice(0, open);
  // Drop what cannot end a name: separators, an opening bracket, a dangling "with"/"and".
  const trimmed = head
    .replace(/[\s,;:|/\-–—(([]+$/u, '')
    .replace(/\s+(?:with|and|for|in|of|the|a|an|&|\+)$/i, '')
    .replace(/[\s,;:|/\-–—(([]+$/u, '');
  return `${trimmed}…`;
}
