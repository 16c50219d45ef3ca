import { brandKey } from '../../catalog/brand-key';
import { STOP_WORDS } from '../../text/stop-words';
import { findPhrases, type PhraseHit, type Token, toTokens } from './tokens';

// Product lines people name instead of the brand. Applied only when the brand is in the catalog.
const ALIASES: ReadonlyArray<readonly [alias: string, brand: string]> = [
  ['iphone', 'Apple'],
  ['ipad', 'Apple'],
  ['macbook', 'Apple'],
  ['imac', 'Apple'],
  ['airpods', 'Apple'],
  ['airpod', 'Apple'],
  ['galaxy', 'Samsung'],
  ['pixel', 'Google'],
  ['chromecast', 'Google'],
  ['playstation', 'Sony'],
  ['ps5', 'Sony'],
  ['ps4', 'Sony'],
  ['bravia', 'Sony'],
  ['xbox', 'Microsoft'],
  ['thinkpad', 'Lenovo'],
  ['ideapad', 'Lenovo'],
  ['alienware', 'Dell'],
  ['xps', 'Dell'],
  ['zenbook', 'ASUS'],
  ['vivobook', 'ASUS'],
  ['kindle', 'Amazon'],
];

// "not Apple", "anything but Samsung", "other than Sony": the brand is unwanted, not asked for.
const NEGATIONS = new Set([
  'not',
  'no',
  'except',
  'without',
  'excluding',
  'besides',
  'avoid',
  'but',
  "isn't",
  "aren't",
  'non',
]);

export interface BrandHit {
  brand: string;
  /** Named through a product line ("iphone") rather than the brand itself. */
  alias: boolean;
  negated: boolean;
}

export interface BrandMatch {
  /** Wanted brands as the catalog spells them, in order of mention. */
  brands: string[];
  /** Brands the question rules out. */
  excluded: string[];
  hits: PhraseHit<BrandHit>[];
}

function brandPhrases(
  brands: readonly string[],
  question: string,
): Array<[string[], Omit<BrandHit, 'negated'>]> {
  const byKey = new Map(brands.map((b) => [brandKey(b), b]));
  const phrases: Array<[string[], Omit<BrandHit, 'negated'>]> = [];
  for (const brand of brands) {
    const words = toTokens(brandKey(brand)).map((t) => t.word);
    const key = words.join(' ');
    if (key === '') continue;
    // A brand that is also a common word ("Nothing") must be typed with its capital.
    if (STOP_WORDS.has(key) && !capitalised(brand, question)) continue;
    phrases.push([words, { brand, alias: false }]);
  }
  for (const [alias, target] of ALIASES) {
    const brand = byKey.get(brandKey(target));
    if (brand !== undefined) phrases.push([[alias], { brand, alias: true }]);
  }
  return phrases;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the question writes the brand with its capital ("Nothing", not "nothing"). */
const capitalised = (brand: string, question: string): boolean =>
  new RegExp(`\\b${escapeRegExp(brand.replace(/[®™©℠]/g, '').trim())}\\b`).test(question);

/** Finds catalog brands named in the question (case-insensitive, aliases included). */
export function matchBrands(
  tokens: readonly Token[],
  question: string,
  brands: readonly string[],
): BrandMatch {
  const hits = findPhrases(tokens, brandPhrases(brands, question), 'word').map((h) => {
    const one = tokens[h.start - 1]?.word;
    const two = `${tokens[h.start - 2]?.word ?? ''} ${one ?? ''}`;
    const negated =
      (one !== undefined && NEGATIONS.has(one)) || two === 'other than' || two === 'instead of';
    return { ...h, value: { ...h.value, negated } };
  });
  const wanted: string[] = [];
  const excluded: string[] = [];
  for (const { value } of hits) {
    const list = value.negated ? excluded : wanted;
    if (!list.includes(value.brand)) list.push(value.brand);
  }
  return { brands: wanted.filter((b) => !excluded.includes(b)), excluded, hits };
}
