import { describe, expect, it } from 'vitest';
import { parseCommand } from './commands';
import { money } from './format';

describe('chat commands', () => {
  it('treats plain text as a question and blank lines as nothing', () => {
    expect(parseCommand('  cheapest phone ')).toEqual({ kind: 'ask', q: 'cheapest phone' });
    expect(parseCommand('   ')).toEqual({ kind: 'empty' });
  });

  it('parses /add with an optional whole quantity', () => {
    expect(parseCommand('/add SKU-1')).toEqual({ kind: 'add', sku: 'SKU-1', quantity: 1 });
    expect(parseCommand('/add SKU-1 3')).toEqual({ kind: 'add', sku: 'SKU-1', quantity: 3 });
    expect(parseCommand('/add SKU-1 0').kind).toBe('invalid');
    expect(parseCommand('/add SKU-1 two').kind).toBe('invalid');
    expect(parseCommand('/add').kind).toBe('invalid');
  });

  it('parses /prefs budget, brands and device into a preferences patch', () => {
    expect(parseCommand('/prefs budget 500 - 1000')).toEqual({
      kind: 'prefs',
      patch: { budget_range: '500-1000' },
    });
    expect(parseCommand('/prefs brands Apple, Samsung,')).toEqual({
      kind: 'prefs',
      patch: { preferred_brands: ['Apple', 'Samsung'] },
    });
    expect(parseCommand('/prefs device gaming laptop')).toEqual({
      kind: 'prefs',
      patch: { device_type: 'gaming laptop' },
    });
    expect(parseCommand('/prefs colour red').kind).toBe('invalid');
    expect(parseCommand('/prefs budget').kind).toBe('invalid');
  });

  it('knows its other commands and names an unknown one', () => {
    for (const c of ['cart', 'session', 'help', 'quit'] as const)
      expect(parseCommand(`/${c}`)).toEqual({ kind: c });
    expect(parseCommand('/nope')).toEqual({
      kind: 'invalid',
      message: 'unknown command /nope (try /help)',
    });
  });
});

describe('chat prices', () => {
  it('shows the store currency when the product names one, a bare number otherwise', () => {
    expect(money(1299.5, 'EUR')).toBe('€1,299.50');
    expect(money(149, 'USD')).toBe('$149.00');
    expect(money(149)).toBe('149');
    expect(money(10, 'XYZ1')).toBe('10 XYZ1');
  });
});
