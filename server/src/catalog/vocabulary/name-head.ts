import { foldWords } from './fold';

// Where a product's name stops naming the thing and starts on what it is for or comes with.
const NAME_TAIL = /\s(?:for|with|compatible|fits|by|from|in)\s|[(|,:–—]|\s-\s/iu;

/**
 * The words of the part of a product's name that names the thing, folded to singular, numbers
 * left out: "Smart Watch Charger 2 Pin (Black)" -> ["smart", "watch", "charger", "pin"];
 * "Strap for Smart Watch" -> ["strap"].
 */
export function nameHead(name: string): string[] {
  const first = name.split(NAME_TAIL)[0] ?? '';
  return foldWords(first).filter((w) => !/\p{N}/u.test(w));
}

/**
 * Words that, ending a name's head, make the product a part or accessory of something else
 * ("Watch Charger", "Phone Case", "Drill Bit Holder"): general shopping language, not any store's.
 * Singular, as `foldWords` gives them.
 */
const ACCESSORY_WORDS: ReadonlySet<string> = new Set(
  (
    'accessory adapter adaptor bracket cable charger cord cover dock guard holder mount ' +
    'protector refill replacement spare strap case skin sleeve stand part'
  ).split(' '),
);

/**
 * The things before their accessories: when the shopper asks for a kind of product, a charger or
 * a strap filed with it ranks after every product that is the thing, unless the shopper's words
 * (`asked`) name that accessory. `of`: only the accessories of that thing ("Gift Card Holder"
 * for "card"). Otherwise in the order given; never a filter.
 */
export function thingsFirst<P extends { name: string }>(
  products: readonly P[],
  asked: string,
  of?: string,
): P[] {
  const words = new Set(foldWords(asked));
  const isAccessory = (p: P): boolean => {
    const head = nameHead(p.name);
    const word = head.at(-1);
    if (word === undefined || !ACCESSORY_WORDS.has(word) || words.has(word)) return false;
    return of === undefined || head.slice(0, -1).includes(of);
  };
  const things = products.filter((p) => !isAccessory(p));
  if (things.length === 0 || things.length === products.length) return [...products];
  return [...things, ...products.filter(isAccessory)];
}
