/** Personal data is masked before a question is stored, logged or sent to a model. */
export interface MaskResult {
  text: string;
  masked: number;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// 13-19 digits, optionally grouped by single spaces or dashes; not glued to a word, a decimal
// point or a currency sign, so prices and SKUs never start a match.
const CARD = /(?<![\w$.,])\d(?:[ -]?\d){12,18}(?![\w])/g;

// "+44 20 7946 0958", "+1 (555) 123-4567": a country code then groups of digits.
const INTERNATIONAL_PHONE = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){1,5}(?![\w])/g;

// "555-123-4567", "(555) 123 4567", "1-800-555-0199": needs separators or parentheses, so a bare
// order number or a price is never taken for a phone number.
const NATIONAL_PHONE = /(?<![\w$.,-])(?:1[ .-])?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w])/g;

const digitsOf = (s: string): string => s.replace(/\D/g, '');

/** Luhn checksum: what separates a real card number from any other long number. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Replaces emails, phone numbers and card numbers with `[email]`, `[phone]`, `[card]`. */
export function maskPersonalData(text: string): MaskResult {
  let masked = 0;
  const replace = (accept: (match: string) => boolean, label: string) => (match: string) => {
    if (!accept(match)) return match;
    masked += 1;
    return label;
  };

  let out = text.replace(
    EMAIL,
    replace(() => true, '[email]'),
  );
  out = out.replace(
    CARD,
    replace((m) => {
      const digits = digitsOf(m);
      return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
    }, '[card]'),
  );
  out = out.replace(
    INTERNATIONAL_PHONE,
    replace((m) => {
      const n = digitsOf(m).length;
      return n >= 8 && n <= 15;
    }, '[phone]'),
  );
  out = out.replace(
    NATIONAL_PHONE,
    replace(() => true, '[phone]'),
  );
  return { text: out, masked };
}
