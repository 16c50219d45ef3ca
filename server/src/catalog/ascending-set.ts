/**
 * Distinct product indexes from several lists, in ascending order, through a bitmap of the
 * catalog (one bit a product): a write per product and a read per 32 products of the span,
 * where sorting the union costs ~log2(n) steps per product. Reused across searches (cleared
 * as it is read), so a search must not call it while using its result's bitmap (it does not).
 */
export class AscendingSet {
  private readonly bits: Uint32Array;

  constructor(productCount: number) {
    this.bits = new Uint32Array((productCount + 31) >>> 5);
  }

  /** The products of `lists` (each product in one list at most, `size` in all), ascending. */
  union(lists: readonly Uint32Array[], size: number): Uint32Array {
    const bits = this.bits;
    let first = bits.length;
    let last = -1;
    for (const list of lists) {
      for (let k = 0; k < list.length; k++) {
        const i = list[k] ?? 0;
        const word = i >>> 5;
        bits[word] = (bits[word] ?? 0) | (1 << (i & 31));
        if (word < first) first = word;
        if (word > last) last = word;
      }
    }
    const out = new Uint32Array(size);
    let at = 0;
    for (let w = first; w <= last; w++) {
      let word = (bits[w] ?? 0) | 0;
      if (word === 0) continue;
      bits[w] = 0;
      while (word !== 0) {
        const lowest = word & -word;
        out[at++] = (w << 5) | (31 - Math.clz32(lowest));
        word ^= lowest;
      }
    }
    return out;
  }
}
