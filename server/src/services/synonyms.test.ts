import { describe, expect, it } from 'vitest';
import type { ShoppingLexicon } from '../lexicon/shopping-lexicon';
import { SHOPPING_LEXICON } from '../lexicon/shopping-lexicon';
import { MemoryStore } from '../store/memory/memory-store';
import { defaultLimits } from '../store/store.contract';
import { SynonymsService } from './synonyms';

/** Records the lexicons an instance's vocabulary was given. */
function vocabulary() {
  const given: ShoppingLexicon[] = [];
  return { given, useLexicon: (l: ShoppingLexicon) => void given.push(l) };
}

const knows = (lexicon: ShoppingLexicon | undefined, phrase: string): boolean =>
  lexicon?.phrases().includes(phrase) ?? false;

const SEED = { synonyms: [['pruner', 'secateurs']], kinds: {} };

describe('SynonymsService', () => {
  it('seeds the file into a store without synonyms, and applies it', async () => {
    const store = new MemoryStore(defaultLimits);
    const vocab = vocabulary();
    const service = new SynonymsService(store, vocab, SEED);
    await service.init();
    expect((await store.getSynonyms()).synonyms).toEqual(SEED);
    expect(knows(vocab.given.at(-1), 'pruner')).toBe(true);
    expect(await service.list()).toEqual({ ...SEED, version: 1 });
  });

  it('never overwrites what an admin set, even an empty set', async () => {
    const store = new MemoryStore(defaultLimits);
    await store.setSynonyms({ synonyms: [], kinds: {} });
    const vocab = vocabulary();
    await new SynonymsService(store, vocab, SEED).init();
    expect((await store.getSynonyms()).synonyms).toEqual({ synonyms: [], kinds: {} });
    // Nothing of the store's own: the general lexicon itself, not a rebuilt copy.
    expect(vocab.given.at(-1)).toBe(SHOPPING_LEXICON);
  });

  it('follows another instance’s change at the next version check, not before', async () => {
    const store = new MemoryStore(defaultLimits);
    const here = vocabulary();
    const there = vocabulary();
    const a = new SynonymsService(store, here, undefined, 60_000);
    const b = new SynonymsService(store, there, undefined, 0);
    await a.init();
    await b.init();
    const before = await a.freshVersion();
    const set = await b.set(SEED);
    expect(set.version).toBeGreaterThan(before);
    expect(knows(there.given.at(-1), 'pruner')).toBe(true);
    // `a` checked moments ago: it keeps its lexicon until its next check (throttled).
    expect(await a.freshVersion()).toBe(before);
    expect(knows(here.given.at(-1), 'pruner')).toBe(false);
    // An admin reading the list always sees (and applies) the store's current set.
    expect(await a.list()).toEqual({ ...SEED, version: set.version });
    expect(knows(here.given.at(-1), 'pruner')).toBe(true);
    // A check that finds the version unchanged rebuilds nothing.
    const count = there.given.length;
    expect(await b.freshVersion()).toBe(set.version);
    expect(there.given.length).toBe(count);
  });
});
