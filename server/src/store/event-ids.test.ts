import { describe, expect, it } from 'vitest';
import { compareEventIds } from './event-ids';

describe('compareEventIds', () => {
  it('orders by time, then by sequence, numerically whatever the lengths', () => {
    const ordered = [
      '9-0',
      '9-1',
      '9-10',
      '10-0',
      '1700000000000-0',
      '1700000000000-2',
      '1700000000001-0',
    ];
    for (const [i, a] of ordered.entries()) {
      for (const [j, b] of ordered.entries()) {
        expect(Math.sign(compareEventIds(a, b)), `${a} vs ${b}`).toBe(Math.sign(i - j));
      }
    }
  });

  it('agrees with the numeric order on random same-shaped and mixed ids', () => {
    const id = () => `${1e12 + Math.floor(Math.random() * 1e3)}-${Math.floor(Math.random() * 12)}`;
    for (let n = 0; n < 2000; n++) {
      const a = id();
      const b = id();
      const [am, as] = a.split('-').map(Number) as [number, number];
      const [bm, bs] = b.split('-').map(Number) as [number, number];
      expect(Math.sign(compareEventIds(a, b))).toBe(Math.sign(am - bm || as - bs));
    }
  });
});
