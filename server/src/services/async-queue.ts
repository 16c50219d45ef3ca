/**
 * A small push -> pull bridge: the producer pushes, one consumer awaits `next()`. Bounded: a
 * consumer that falls `limit` items behind is failed rather than buffered without end. No
 * generator and no per-item promise while items are waiting: idle subscriptions stay small.
 */
export class AsyncQueue<T> {
  private items: T[] = [];
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private ended = false;

  constructor(private readonly limit = 10_000) {}

  push(item: T): void {
    if (this.failure || this.ended) return;
    if (this.items.length >= this.limit) {
      this.fail(new Error(`subscriber fell more than ${this.limit} events behind`));
      return;
    }
    this.items.push(item);
    this.wake?.();
  }

  fail(err: Error): void {
    this.failure = err;
    this.wake?.();
  }

  /** No more items: `next()` returns undefined once the waiting ones are taken. */
  end(): void {
    this.ended = true;
    this.wake?.();
  }

  /** Wakes a waiting `next()` (after an abort), which then returns undefined. */
  interrupt(): void {
    this.wake?.();
  }

  /** The next item; undefined once `signal` is aborted or the queue ended. Throws the failure. */
  async next(signal?: AbortSignal): Promise<T | undefined> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (signal?.aborted) return undefined;
      const item = this.items.shift();
      if (item !== undefined) return item;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }

  /** As an async iterable, for producers that prefer `for await`. */
  async *drain(signal?: AbortSignal): AsyncGenerator<T> {
    const onAbort = () => this.interrupt();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (let item = await this.next(signal); item !== undefined; item = await this.next(signal)) {
        yield item;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
