// Words that end in "s" but are not plurals, or whose plural form is the usual name.
const INVARIANT = new Set([
  'news',
  'series',
  'species',
  'glass',
  'wireless',
  'headphones',
  'earphones',
  'electronics',
  'physics',
  'gps',
  'ios',
  'macos',
  'chromeos',
  'airpods',
  'always',
  'perhaps',
  'yes',
  'thanks',
  'bus',
  'plus',
  'status',
  'analysis',
  'canvas',
  'lens',
  'has',
  'was',
  'is',
  'its',
  'his',
  'this',
  'us',
  'pros',
  'sales',
]);

const IRREGULAR: Readonly<Record<string, string>> = {
  children: 'child',
  people: 'person',
  men: 'man',
  women: 'woman',
  mice: 'mouse',
  feet: 'foot',
  teeth: 'tooth',
  knives: 'knife',
  shelves: 'shelf',
  leaves: 'leaf',
  halves: 'half',
  movies: 'movie',
  cookies: 'cookie',
  calories: 'calorie',
  selfies: 'selfie',
  zombies: 'zombie',
  heroes: 'hero',
  potatoes: 'potato',
  tomatoes: 'tomato',
  lenses: 'lens',
  // "-ie" nouns: "hoodies" is not "hoody".
  hoodies: 'hoodie',
  beanies: 'beanie',
  brownies: 'brownie',
  smoothies: 'smoothie',
  onesies: 'onesie',
  booties: 'bootie',
  veggies: 'veggie',
  goodies: 'goodie',
  pies: 'pie',
  ties: 'tie',
  // Possessives written without the apostrophe: "womens jackets", "mens shoes".
  womens: 'woman',
  mens: 'men',
  childrens: 'child',
  buses: 'bus',
  statuses: 'status',
};

/**
 * Folds an English plural to its singular with a few suffix rules: "smartphones" -> "smartphone",
 * "batteries" -> "battery", "watches" -> "watch", "glasses" -> "glass". Lowercase input expected.
 * "headphones" is kept as is: it is the usual name (and the category slug).
 */
export function singularize(word: string): string {
  if (word.length <= 2 || INVARIANT.has(word)) return word;
  // Three letters: only abbreviations like "tvs", "pcs" are plurals ("gas", "yes", "his" are not).
  if (word.length === 3) return /^[a-z][b-df-hj-np-tv-z]s$/.test(word) ? word.slice(0, -1) : word;
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|ss|x|zz)es$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is|'s)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}
