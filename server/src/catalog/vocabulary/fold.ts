import { singularize } from '../../text/singularize';

/**
 * Splits run-together words the way stores write them in category paths: "SmartTelevisions" ->
 * "Smart Televisions", "PCHeadsets" -> "PC Headsets", "USBCables" -> "USB Cables".
 */
export function splitCamelCase(text: string): string {
  return text.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z]{2,})/g, '$1 $2');
}

/** Lowercase words, marks and accents folded, split on anything but letters and digits. */
export function plainWords(text: string): string[] {
  return text
    .replace(/[®™©℠]/g, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** Words folded to singular: "Flat-Panel TVs" -> ["flat", "panel", "tv"]. */
export const foldWords = (text: string): string[] => plainWords(text).map(singularize);

const CONJUNCTION = /\s*(?:&|,|\/|\+|\band\b|\bor\b)\s*/i;

/**
 * The parts of a category name that each name a kind of product: "TV & Video" -> [["tv"],
 * ["video"]], "Keyboards, Mice & Input Devices" -> [["keyboard"], ["mouse"], ["input", "device"]].
 * A name without a conjunction is one part.
 */
export function conjuncts(name: string): string[][] {
  return name
    .split(CONJUNCTION)
    .map(foldWords)
    .filter((words) => words.length > 0);
}

/**
 * Each part also read with run-together words split ("SmartTelevisions" -> "smart television"),
 * when that reads differently; "MacBooks" is kept whole too, so both readings are matched.
 */
export function partReadings(name: string): string[][] {
  const readings = [...conjuncts(name), ...conjuncts(splitCamelCase(name))];
  // "Cosmetic & Toiletry Bags": the last part's head may be shared ("cosmetic bags").
  const last = readings.at(-1);
  const head = last !== undefined && last.length > 1 ? last.at(-1) : undefined;
  if (head !== undefined) {
    for (const part of [...readings])
      if (part.length === 1 && part[0] !== head) readings.push([...part, head]);
  }
  const seen = new Set<string>();
  return readings.filter((p) => {
    const key = p.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
