import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { normalizeText } from './normalize-text';

/** Personal data is masked before a question is stored, logged or sent to a model. */
export interface MaskResult {
  /** The normalised text (see normalizeText) with personal data replaced by placeholders. */
  text: string;
  masked: number;
}

/** What masking leaves in place of personal data: what it stood for, never what it was. */
export const PLACEHOLDER = /\[(?:email|iban|card|ssn|phone)\]/g;

// Letters and digits of any script: `josé@correo.es` is as personal as `jose@correo.es`.
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// A country code, two check digits, then 11-30 letters or digits, grouped or not. Too loose on
// its own; the country's length, format and mod-97 check (ibantools) decide.
const IBAN_CANDIDATE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}(?![\p{L}\p{N}])/giu;
const SHORTEST_IBAN = 15;

// 13-19 digits, optionally grouped by single spaces or dashes; not glued to a word, a decimal
// point or a currency sign, so prices and SKUs never start a match.
const CARD = /(?<![\w$.,])\d(?:[ -]?\d){12,18}(?![\w])/g;

// "123-45-6789" or "123 45 6789": the SSN layout, which nothing else in shopping text has.
const SSN = /(?<![\w$.,-])(\d{3})([ -])(\d{2})\2(\d{4})(?![\w-])/g;
// Nine bare digits are only taken for an SSN when the text says so.
const SSN_NAMED =
  /(\b(?:ssn|social\s+security(?:\s+(?:number|no))?)\b[^\p{L}\p{N}]{0,4}(?:(?:is|was)[^\p{L}\p{N}]{1,4})?)(\d{9})(?!\w)/giu;

// "+44 20 7946 0958", "+1 (555) 123-4567": a country code then groups of digits.
const INTERNATIONAL_PHONE = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){1,5}(?![\w])/g;

// "555-123-4567", "(555) 123 4567", "1-800-555-0199": separators or parentheses.
const NATIONAL_PHONE = /(?<![\w$.,-])(?:1[ .-])?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w])/g;

// "5551234567", "15551234567": a North American number written without separators. An area
// code never starts with 0 or 1, which keeps ISBNs and epoch timestamps out; a price has a
// currency sign or decimals, and is refused by the guards on both sides.
const BARE_PHONE = /(?<![\w$.,+-])1?[2-9]\d{9}(?!\w|[.,]\d)/g;

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

/** The SSA never issues area 000, 666 or 900-999, group 00 or serial 0000. */
export function isPlausibleSsn(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/**
 * The valid IBAN at the start of a candidate, if any: the candidate may have run on into the
 * next word ("DE89 3704 0044 0532 0130 00 THEN"), so shorter prefixes are tried too.
 */
function leadingIban(candidate: string): number {
  for (let end = candidate.length; end >= SHORTEST_IBAN; end--) {
    const prefix = candidate.slice(0, end);
    if (/[ -]$/.test(prefix)) continue;
    const electronic = electronicFormatIBAN(prefix);
    if (electronic && isValidIBAN(electronic)) return end;
  }
  return 0;
}

/**
 * Normalises the text (normalizeText), then replaces e-mail addresses, IBANs, card numbers,
 * US social security numbers and phone numbers with `[email]`, `[iban]`, `[card]`, `[ssn]`,
 * `[phone]`. Long numbers that fail their checksum (Luhn, mod 97) are left alone.
 */
export function maskPersonalData(text: string): MaskResult {
  let masked = 0;
  const replace = (accept: (match: string) => boolean, label: string) => (match: string) => {
    if (!accept(match)) return match;
    masked += 1;
    return label;
  };

  let out = normalizeText(text).replace(
    EMAIL,
    replace(() => true, '[email]'),
  );
  out = out.replace(IBAN_CANDIDATE, (match) => {
    const end = leadingIban(match);
    if (end === 0) return match;
    masked += 1;
    return `[iban]${match.slice(end)}`;
  });
  out = out.replace(
    CARD,
    replace((m) => {
      const digits = digitsOf(m);
      return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
    }, '[card]'),
  );
  out = out.replace(SSN, (match, area: string, _sep: string, group: string, serial: string) => {
    if (!isPlausibleSsn(area, group, serial)) return match;
    masked += 1;
    return '[ssn]';
  });
  out = out.replace(SSN_NAMED, (match, lead: string, digits: string) => {
    if (!isPlausibleSsn(digits.slice(0, 3), digits.slice(3, 5), digits.slice(5))) return match;
    masked += 1;
    return `${lead}[ssn]`;
  });
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
  out = out.replace(
    BARE_PHONE,
    replace(() => true, '[phone]'),
  );
  return { text: out, masked };
}
