import { describe, expect, it } from 'vitest';
import { globalKeys } from './keys';

/** What Redis Cluster hashes to pick a key's slot: the first non-empty `{...}`, else the key. */
function hashedPart(key: string): string {
  const open = key.indexOf('{');
  const close = open === -1 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

describe('globalKeys', () => {
  it('puts the documents and their version in one cluster slot, so a change and its bump are one MULTI', () => {
    for (const prefix of ['aisle', 'shop-2_test']) {
      const keys = globalKeys(prefix);
      expect(hashedPart(keys.docsVersion)).toBe(hashedPart(keys.docs));
      expect(keys.docs).toBe(`${prefix}:docs`);
    }
  });

  it('puts the synonyms and their version in one cluster slot too', () => {
    for (const prefix of ['aisle', 'shop-2_test']) {
      const keys = globalKeys(prefix);
      expect(hashedPart(keys.synonymsVersion)).toBe(hashedPart(keys.synonyms));
      expect(hashedPart(keys.synonyms)).not.toBe(hashedPart(keys.docs));
    }
  });
});
