import { describe, expect, it } from 'vitest';
import { AscendingSet } from './ascending-set';
import { seededRandom } from './generate';

describe('AscendingSet', () => {
  it('returns the union of disjoint lists in ascending order, again and again', () => {
    const n = 10_000;
    const set = new AscendingSet(n);
    const random = seededRandom(4);
    for (let round = 0; round < 50; round++) {
      const picked = new Set<number>([0, 31, 32, n - 1].filter(() => random() < 0.5));
      for (let k = 0; k < random() * 500; k++) picked.add(Math.floor(random() * n));
      const shuffled = [...picked].sort(() => random() - 0.5);
      const cut = Math.floor(random() * shuffled.length);
      const lists = [shuffled.slice(0, cut), shuffled.slice(cut)].map((l) => Uint32Array.from(l));
      const union = set.union(lists, picked.size);
      expect([...union]).toEqual([...picked].sort((a, b) => a - b));
    }
    expect([...set.union([], 0)]).toEqual([]);
  });
});
