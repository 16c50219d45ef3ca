/**
 * Keeps the `k` best items seen so far (smallest by `compare`), sorted. `accepts` is a cheap
 * check against the current k-th item, so callers can skip building items that would not make it.
 */
export class TopK<T> {
  private readonly items: T[] = [];

  constructor(
    private readonly k: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  accepts(item: T): boolean {
    if (this.k <= 0) return false;
    const last = this.items[this.items.length - 1];
    return this.items.length < this.k || last === undefined || this.compare(item, last) < 0;
  }

  /** Adds the item if it ranks among the best k (ties keep the earlier item first). */
  offer(item: T): void {
    if (!this.accepts(item)) return;
    let at = this.items.length;
    while (at > 0) {
      const prev = this.items[at - 1];
      if (prev === undefined || this.compare(item, prev) >= 0) break;
      at--;
    }
    this.items.splice(at, 0, item);
    if (this.items.length > this.k) this.items.pop();
  }

  /** The k-th best item when there are k, else undefined. */
  get full(): T | undefined {
    return this.k > 0 && this.items.length === this.k ? this.items[this.k - 1] : undefined;
  }

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    this.items.length = 0;
  }

  sorted(): T[] {
    return [...this.items];
  }
}
