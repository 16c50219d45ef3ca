/**
 * One canonical spelling of user text, so the masks and the injection patterns see what a
 * reader sees: `ｊａｎｅ＠ｍａｉｌ．ｃｏｍ`, `i\u200bgnore` and `٥٥٥١٢٣٤٥٦٧` would otherwise slip past
 * patterns written for ASCII.
 */

// Invisible characters (zero-width space/joiners, word joiner, BOM, soft hyphen, bidi
// controls, variation selectors, tag characters, ...): they render as nothing, so a word
// split by one still reads as the word.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

// Printable ASCII, tabs and line breaks (other control characters take the full path).
const ASCII = /^[ -~\t\n\r]*$/;
const DECIMAL_DIGIT = /\p{Nd}/gu;
const IS_DIGIT = /^\p{Nd}$/u;

// Unicode lays out every script's decimal digits as runs of ten starting at zero, so a
// digit's value is its distance from the start of its run, mod 10 (some runs sit back to back).
const digitValues = new Map<number, string>();
function asciiDigit(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return ch;
  let value = digitValues.get(cp);
  if (value === undefined) {
    let start = cp;
    while (IS_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
    value = String((cp - start) % 10);
    digitValues.set(cp, value);
  }
  return value;
}

/**
 * NFKC (full-width and compatibility forms to their plain letters, digits and `@`), invisible
 * characters removed, every script's decimal digits written as ASCII digits. Idempotent.
 */
export function normalizeText(text: string): string {
  // Most questions are plain ASCII, which all three steps leave as it is; screening a question
  // normalises it more than once (the masks and the injection check each do, to stand alone).
  if (ASCII.test(text)) return text;
  // Stripped before NFKC so joiners cannot block a composition, and after, because NFKC can
  // turn a visible compatibility character into an invisible one (U+FFA0 into U+1160).
  return text
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(DECIMAL_DIGIT, asciiDigit);
}
