import { describe, expect, it } from 'vitest';
import { createSemaphore } from './semaphore';

describe('createSemaphore', () => {
  it('grants up to max permits, then queues in order', async () => {
    const gate = createSemaphore(2);
    const a = await gate.acquire();
    await gate.acquire();
    const order: string[] = [];
    const c = gate.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = gate.acquire().then(() => order.push('d'));
    expect([gate.active, gate.waiting]).toEqual([2, 2]);

    a();
    a(); // a second release of the same permit changes nothing
    (await c)();
    await d;
    expect(order).toEqual(['c', 'd']);
    expect([gate.active, gate.waiting]).toEqual([2, 0]);
  });

  it('drops a waiter whose signal aborts', async () => {
    const gate = createSemaphore(1);
    const release = await gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    controller.abort();

    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(gate.waiting).toBe(0);
    release();
    expect(gate.active).toBe(0);
    await expect(gate.acquire(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects a cap below 1', () => {
    expect(() => createSemaphore(0)).toThrow(RangeError);
  });
});
