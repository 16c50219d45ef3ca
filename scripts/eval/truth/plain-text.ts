import { decode } from 'html-entities';

/**
 * Text as a shopper reads it from a raw catalog cell: tags dropped (block tags become spaces
 * so words do not run together), entities decoded (`&trade;` -> ™), whitespace collapsed.
 * The eval's own reading, kept independent of the server's html-text.
 */
export function plainText(raw: string): string {
  const untagged = raw.replace(/<[^>]*>/g, ' ');
  return decode(untagged).replace(/\s+/g, ' ').trim();
}

/** "₹1,39,900" / "$1,099.50" / "45" -> the number; undefined when no number is there. */
export function parseAmount(raw: string): number | undefined {
  const digits = raw.replace(/[^\d.]/g, '');
  if (!/\d/.test(digits)) return undefined;
  const value = Number(digits);
  return Number.isFinite(value) ? value : undefined;
}

/** "24,269" / "24269" -> 24269: a whole count as written in the file; undefined otherwise. */
export function parseCount(raw: string): number | undefined {
  const trimmed = raw.trim();
  if (!/^\d[\d,]*$/.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(/,/g, ''));
  return Number.isSafeInteger(value) ? value : undefined;
}

/** A rating written in the file, when it is a number on the 0..5 scale. */
export function parseRating(raw: string): number | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 && value <= 5 ? value : undefined;
}

/** "Large / Black" -> "large-black": lowercase letters and digits, runs of anything else one dash. */
export const slug = (value: string): string =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
