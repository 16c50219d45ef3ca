/** Folds -ing / -ed endings: "wrapping" -> "wrap", "shipped" -> "ship", "opened" -> "open". */
export function stem(word: string): string {
  const m = /^(.{3,}?)(?:ing|ed)$/.exec(word);
  const base = m?.[1];
  if (base === undefined || !/[aeiouy]/.test(base)) return word;
  // "shipp" -> "ship", but "pass" and "fill" keep their double letters.
  return /([^aeiouls])\1$/.test(base) ? base.slice(0, -1) : base;
}
