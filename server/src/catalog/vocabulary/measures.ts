/**
 * Measurements and model numbers written one way on both sides of a search: the catalog's
 * text and the shopper's question. `55 inch`, `55"`, `55-inch` -> `55in`; `32 GB` -> `32gb`;
 * `2.25kg` -> `2p25kg` (a decimal point would split the word); `HERO3+` -> `HERO3 plus`.
 */

// Unit spellings -> one code. Longest spellings first so "inches" is not read as "in".
const UNITS: ReadonlyArray<readonly [code: string, spellings: readonly string[]]> = [
  ['in', ['inches', 'inch', 'in', '"', '”', "''"]],
  ['cm', ['centimetres', 'centimeters', 'centimetre', 'centimeter', 'cm']],
  ['mm', ['millimetres', 'millimeters', 'millimetre', 'millimeter', 'mm']],
  ['tb', ['terabytes', 'terabyte', 'tb']],
  ['gb', ['gigabytes', 'gigabyte', 'gigs', 'gig', 'gb']],
  ['mb', ['megabytes', 'megabyte', 'mb']],
  ['kg', ['kilograms', 'kilogram', 'kilos', 'kilo', 'kgs', 'kg']],
  ['mg', ['milligrams', 'milligram', 'mg']],
  ['g', ['grams', 'gram', 'grammes', 'gramme', 'gms', 'gm', 'g']],
  ['ml', ['millilitres', 'milliliters', 'millilitre', 'milliliter', 'ml']],
  ['cl', ['centilitres', 'centiliters', 'cl']],
  ['l', ['litres', 'liters', 'litre', 'liter', 'ltr', 'l']],
  ['oz', ['ounces', 'ounce', 'fl oz', 'oz']],
  ['lb', ['lbs', 'lb']],
  ['mah', ['mah']],
  ['kw', ['kilowatts', 'kilowatt', 'kw']],
  ['w', ['watts', 'watt', 'w']],
  ['hz', ['hz']],
  ['mp', ['megapixels', 'megapixel', 'mp']],
  ['k', ['k']],
];

const CODE_OF = new Map<string, string>(
  UNITS.flatMap(([code, spellings]) => spellings.map((s) => [s, code] as const)),
);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SPELLINGS = [...CODE_OF.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);

// A number (not glued to a word before it), optional space or dash, a unit not followed by a
// letter: "55 inch", "55-inch", "1.5L", but not "5 inches" inside "15 inchesx" or "4 kids".
const MEASURE = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(\\d+(?:[.,]\\d+)?)\\s?-?\\s?(${SPELLINGS.join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

/** The unit codes a measure token may end in ("55in", "32gb", "4k"). */
export const UNIT_CODES: ReadonlySet<string> = new Set(UNITS.map(([code]) => code));

/** Rewrites every measurement in `text` to its one form; the rest of the text is untouched. */
export function normalizeMeasures(text: string): string {
  return text
    .replace(MEASURE, (whole, number: string, unit: string) => {
      const code = CODE_OF.get(unit.toLowerCase());
      if (code === undefined) return whole;
      // "4k" is a resolution; "4 k" after other numbers is not worth guessing at.
      if (code === 'k' && !/^(?:2|4|5|8)$/.test(number)) return whole;
      const value = String(Number(number.replace(',', '.'))).replace('.', 'p');
      return `${value}${code}`;
    })
    .replace(/([\p{L}\p{N}])\+(?![\p{L}\p{N}])/gu, '$1 plus');
}

/** A token that is a measurement in the one form ("55in", "2p25kg"). */
export function isMeasure(token: string): boolean {
  const m = /^\d+(?:p\d+)?([a-z]+)$/.exec(token.toLowerCase());
  return m !== null && UNIT_CODES.has(m[1] ?? '');
}

/** A model number: digits with at most two letters after ("6", "6s", "15", "7t"), not a measure. */
export function isModelNumber(token: string): boolean {
  return /^\d{1,4}[a-z]{0,2}$/i.test(token) && !isMeasure(token);
}

/**
 * Terms a product must hold to match: a letter-and-digit term ("s24", "iphone6", "55in", "4k")
 * names one model or size; a product with another number is another product.
 */
export const isRequiredTerm = (term: string): boolean => /\p{L}/u.test(term) && /\p{N}/u.test(term);
