import { describe, expect, it } from 'vitest';
import { formatDuration, iso, sumMoney } from './money-and-time';

describe('format', () => {
  it('formats durations like "1h 15m", "3m", "0m"', () => {
    expect(formatDuration(0)).toBe('0m');
    expect(formatDuration(59_999)).toBe('0m');
    expect(formatDuration(3 * 60_000 + 10_000)).toBe('3m');
    expect(formatDuration(75 * 60_000)).toBe('1h 15m');
    expect(formatDuration(26 * 3_600_000)).toBe('26h 0m');
    expect(formatDuration(-5)).toBe('0m');
  });
  it('sums money exactly', () => {
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
    expect(sumMoney([999, 799.99, 799.99])).toBe(2598.98);
  });
  it('prints ISO 8601 UTC', () => {
    expect(iso(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
