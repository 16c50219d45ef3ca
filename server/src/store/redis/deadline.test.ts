import { describe, expect, it } from 'vitest';
import { withDeadline } from './deadline';

describe('withDeadline', () => {
  it('settles as the call does when it answers in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 50)).resolves.toBe(7);
    await expect(withDeadline(Promise.reject(new Error('boom')), 50)).rejects.toThrow('boom');
  });

  it('fails with STORE_UNAVAILABLE once the bound has passed since the call', async () => {
    const started = performance.now();
    const never = new Promise<never>(() => {});
    await expect(withDeadline(never, 40)).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      status: 503,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });
});
