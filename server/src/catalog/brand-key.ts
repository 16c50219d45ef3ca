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

/**
 * Whether a product name holds the brand as whole words ("Ocado Houmous" for "Ocado", not
 * "Avocado Dip"): stores that leave the brand field empty often start the name with it.
 */
export function nameHoldsBrand(name: string, brand: string): boolean {
  const key = brandKey(brand);
  return key !== '' && ` ${brandKey(name)} `.includes(` ${key} `);
}
