import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize-text';

describe('normalizeText', () => {
  it.each([
    ['i\u200bgnore', 'ignore'],
    ['a\u200cb\u200dc\u2060d\ufeffe\u00adf', 'abcdef'],
    ['\u202eevil\u202c', 'evil'],
    ['ｊａｎｅ＠ｍａｉｌ．ｃｏｍ', 'jane@mail.com'],
    ['４１１１', '4111'],
    ['٥٥٥١٢٣٤٥٦٧', '5551234567'], // Arabic-Indic
    ['۰۹', '09'], // Extended Arabic-Indic
    ['५५५', '555'], // Devanagari
    ['𝟓𝟓𝟓', '555'], // mathematical bold digits
    ['fi', 'fi'],
    ['café', 'café'],
    ['Galaxy S24 Ultra, $1,299.99', 'Galaxy S24 Ultra, $1,299.99'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const s of ['ｉ\u200bｇ ٥ \uffa0x e\u200b\u0301', 'plain text 123']) {
      expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
    }
  });

  it('maps every decimal digit Unicode knows to its ASCII value', () => {
    for (let cp = 0x80; cp <= 0x1ffff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (!/^\p{Nd}$/u.test(ch)) continue;
      const out = normalizeText(ch);
      expect(out, `U+${cp.toString(16)}`).toMatch(/^[0-9]$/);
    }
    // the value, not just a digit: the last of a run is 9
    expect(normalizeText('\u0669\u09ef\u0e59')).toBe('999');
  });
});
