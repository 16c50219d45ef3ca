/**
 * Presorted product lists, so a structured query (no text) reads the first `limit` matches of a
 * list already in the requested order instead of filtering and sorting the whole catalog.
 *
 * For each order the catalog keeps one permutation of all products, and the same permutation
 * split into groups (per category, per brand, per category+brand) in CSR form: one flat array
 * plus group offsets, so a group's list is a zero-copy `subarray`.
 */

export type Order = 'price_asc' | 'price_desc' | 'rating_desc';
export const ORDERS = ['price_asc', 'price_desc', 'rating_desc'] as const satisfies Order[];

/** Per-product columns the lists are built from (index = position in the catalog). */
export interface Columns {
  readonly price: Float64Array;
  readonly rating: Float64Array;
  readonly sku: readonly string[];
  /** `skuOrder(sku)`, when the caller has it already. */
  readonly bySku?: Uint32Array;
}

/** Ties are always broken by sku (code-point order), so every order is total and stable. */
function comparator(
  order: Order,
  { price, rating }: Columns,
  skuRank: Uint32Array,
): (a: number, b: number) => number {
  const bySku = (a: number, b: number): number => (skuRank[a] ?? 0) - (skuRank[b] ?? 0);
  switch (order) {
    case 'price_asc':
      return (a, b) => (price[a] ?? 0) - (price[b] ?? 0) || bySku(a, b);
    case 'price_desc':
      return (a, b) => (price[b] ?? 0) - (price[a] ?? 0) || bySku(a, b);
    case 'rating_desc':
      return (a, b) => (rating[b] ?? 0) - (rating[a] ?? 0) || bySku(a, b);
  }
}

/** Product indexes in sku order (code-point order; equal skus keep their input order). */
export function skuOrder(sku: readonly string[]): Uint32Array {
  const order = sku.map((_, i) => i);
  order.sort((a, b) => {
    const sa = sku[a] ?? '';
    const sb = sku[b] ?? '';
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
  return Uint32Array.from(order);
}

/** Position of each product when sorted by sku. */
function skuRanks(bySku: Uint32Array): Uint32Array {
  const rank = new Uint32Array(bySku.length);
  bySku.forEach((i, position) => {
    rank[i] = position;
  });
  return rank;
}

/** Products partitioned into numbered groups (e.g. by category): group id per product. */
export interface Grouping {
  readonly groupOf: Int32Array;
  readonly groupCount: number;
}

/** Assigns group ids by key; `ids` maps each distinct key to its id. */
export function groupBy(keys: readonly string[]): Grouping & { ids: Map<string, number> } {
  const ids = new Map<string, number>();
  const groupOf = new Int32Array(keys.length);
  keys.forEach((key, i) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    groupOf[i] = id;
  });
  return { groupOf, groupCount: ids.size, ids };
}

/** Each group's products in catalog order (ascending index), CSR like the sorted lists. */
export class ProductsByGroup {
  private readonly offsets: Uint32Array;
  private readonly products: Uint32Array;

  constructor({ groupOf, groupCount }: Grouping) {
    const offsets = new Uint32Array(groupCount + 1);
    for (const g of groupOf) offsets[g + 1] = (offsets[g + 1] ?? 0) + 1;
    for (let g = 0; g < groupCount; g++) offsets[g + 1] = (offsets[g + 1] ?? 0) + (offsets[g] ?? 0);
    const cursor = offsets.slice(0, groupCount);
    const products = new Uint32Array(groupOf.length);
    groupOf.forEach((g, i) => {
      const at = cursor[g] ?? 0;
      products[at] = i;
      cursor[g] = at + 1;
    });
    this.offsets = offsets;
    this.products = products;
  }

  list(group: number): Uint32Array {
    return this.products.subarray(this.offsets[group] ?? 0, this.offsets[group + 1] ?? 0);
  }
}

/** One grouping's lists in every order. */
class GroupedLists {
  private readonly offsets: Uint32Array;
  private readonly flat: Record<Order, Uint32Array>;

  constructor(grouping: Grouping, sorted: Record<Order, Uint32Array>) {
    const { groupOf, groupCount } = grouping;
    const offsets = new Uint32Array(groupCount + 1);
    for (const g of groupOf) offsets[g + 1] = (offsets[g + 1] ?? 0) + 1;
    for (let g = 0; g < groupCount; g++) offsets[g + 1] = (offsets[g + 1] ?? 0) + (offsets[g] ?? 0);
    this.offsets = offsets;
    const distribute = (all: Uint32Array): Uint32Array => {
      const flat = new Uint32Array(all.length);
      const cursor = offsets.slice(0, groupCount);
      for (const i of all) {
        const g = groupOf[i] ?? 0;
        const at = cursor[g] ?? 0;
        flat[at] = i;
        cursor[g] = at + 1;
      }
      return flat;
    };
    this.flat = {
      price_asc: distribute(sorted.price_asc),
      price_desc: distribute(sorted.price_desc),
      rating_desc: distribute(sorted.rating_desc),
    };
  }

  list(group: number, order: Order): Uint32Array {
    return this.flat[order].subarray(this.offsets[group] ?? 0, this.offsets[group + 1] ?? 0);
  }
}

export class OrderedIndex {
  /** Every product, per order. */
  readonly all: Record<Order, Uint32Array>;
  /** rank[order][i]: position of product i in that order; comparing ranks compares products. */
  readonly rank: Record<Order, Uint32Array>;
  private readonly groupings: Map<string, GroupedLists>;

  constructor(columns: Columns, groupings: Readonly<Record<string, Grouping>>) {
    const n = columns.sku.length;
    const skuRank = skuRanks(columns.bySku ?? skuOrder(columns.sku));
    const sortedBy = (order: Order): Uint32Array => {
      const list = new Uint32Array(n);
      for (let i = 0; i < n; i++) list[i] = i;
      return list.sort(comparator(order, columns, skuRank));
    };
    this.all = {
      price_asc: sortedBy('price_asc'),
      price_desc: sortedBy('price_desc'),
      rating_desc: sortedBy('rating_desc'),
    };
    const rankOf = (sorted: Uint32Array): Uint32Array => {
      const rank = new Uint32Array(n);
      sorted.forEach((i, position) => {
        rank[i] = position;
      });
      return rank;
    };
    this.rank = {
      price_asc: rankOf(this.all.price_asc),
      price_desc: rankOf(this.all.price_desc),
      rating_desc: rankOf(this.all.rating_desc),
    };
    this.groupings = new Map(
      Object.entries(groupings).map(([name, g]) => [name, new GroupedLists(g, this.all)]),
    );
  }

  /** The products of one group (of a grouping given to the constructor), in `order`. */
  group(grouping: string, group: number, order: Order): Uint32Array {
    const lists = this.groupings.get(grouping);
    if (!lists) throw new Error(`unknown grouping ${grouping}`);
    return lists.list(group, order);
  }

  /**
   * The first `limit` products that `accept` lets through, in `order`, from the union of
   * `lists` (each already in `order`, disjoint). Stops as soon as `limit` are found.
   */
  take(
    lists: readonly Uint32Array[],
    order: Order,
    accept: (i: number) => boolean,
    limit: number,
  ): number[] {
    const out: number[] = [];
    if (lists.length === 1) {
      const [list] = lists;
      if (!list) return out;
      for (let p = 0; p < list.length && out.length < limit; p++) {
        const i = list[p] ?? 0;
        if (accept(i)) out.push(i);
      }
      return out;
    }
    // k-way merge by rank; k is small (at most one list per requested brand).
    const rank = this.rank[order];
    const heads = lists.map(() => 0);
    while (out.length < limit) {
      let best = -1;
      let bestRank = Number.POSITIVE_INFINITY;
      lists.forEach((list, l) => {
        const p = heads[l] ?? 0;
        if (p >= list.length) return;
        const r = rank[list[p] ?? 0] ?? 0;
        if (r < bestRank) {
          bestRank = r;
          best = l;
        }
      });
      const list = lists[best];
      if (!list) break;
      const p = heads[best] ?? 0;
      heads[best] = p + 1;
      const i = list[p] ?? 0;
      if (accept(i)) out.push(i);
    }
    return out;
  }

  /**
   * Narrows a price-ordered list to the products priced within [min, max] by binary search.
   * Lists in other orders are returned unchanged (the price check then happens in `accept`).
   */
  priceRange(list: Uint32Array, order: Order, price: Float64Array, min: number, max: number) {
    if (order === 'rating_desc') return list;
    const ascending = order === 'price_asc';
    const at = (p: number): number => price[list[p] ?? 0] ?? 0;
    // First position whose price is past the bound, from the cheap end or the expensive end.
    const firstWhere = (past: (value: number) => boolean): number => {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (past(at(mid))) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    const start = ascending ? firstWhere((v) => v >= min) : firstWhere((v) => v <= max);
    const end = ascending ? firstWhere((v) => v > max) : firstWhere((v) => v < min);
    return list.subarray(start, Math.max(start, end));
  }
}
