/**
 * A small push -> async-iterate bridge: the producer pushes, one consumer awaits. Bounded: a
 * consumer that falls `limit` items behind is failed rather than buffered without end.
 */
export class AsyncQueue<T> {
  private items: T[] = [];
  private wake: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(private readonly limit = 10_000) {}

  push(item: T): void {
    if (this.failure) return;
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

  async *drain(signal?: AbortSignal): AsyncGenerator<T> {
    const onAbort = () => this.wake?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal?.aborted) {
        if (this.failure) throw this.failure;
        const item = this.items.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
