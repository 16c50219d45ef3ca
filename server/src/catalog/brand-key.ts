/**
 * The key brands are compared by: marks (® ™ ©), accents, case, punctuation and spacing folded,
 * so `Apple®`, `Apple` and `APPLE` meet, and so do `Hewlett-Packard` and `hewlett packard`.
 * Used on the product side (catalog groups) and the query side (a shopper's or model's brand).
 */
export function brandKey(brand: string): string {
  return brand
    .replace(/[®™©℠]/g, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
