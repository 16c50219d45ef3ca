/**
 * Lone UTF-16 surrogates (half of a pair, usually a client cutting a string in the middle of
 * an emoji) cannot be written as UTF-8: Redis would keep U+FFFD for some fields and cjson
 * refuse the JSON escape in others, while the memory store kept them as they came. Every
 * input is well-formed once, where it enters, so both stores see the same text.
 */

/** The string with every lone surrogate replaced by U+FFFD (no copy when there is none). */
export const wellFormedText = (s: string): string => (s.isWellFormed() ? s : s.toWellFormed());

/** The value with every string (and object key) well-formed: lone surrogates become U+FFFD. */
export function wellFormed<T>(value: T): T {
  return wellFormedValue(value, 0) as T;
}

// Deeper than any input schema goes; past it values are left as they are (zod refuses them).
const MAX_DEPTH = 64;

function wellFormedValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return wellFormedText(value);
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const fixed = wellFormedValue(item, depth + 1);
      if (fixed !== item) {
        out ??= [...value];
        out[i] = fixed;
      }
    });
    return out ?? value;
  }
  // Only plain objects (parsed JSON); class instances a transformer revived are left alone.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const fixedKey = wellFormedText(key);
    const fixed = wellFormedValue(item, depth + 1);
    if (fixedKey !== key || fixed !== item) {
      out ??= { ...value };
      if (fixedKey !== key) delete out[key];
      out[fixedKey] = fixed;
    }
  }
  return out ?? value;
}
