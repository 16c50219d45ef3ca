/**
 * `pnpm eval --truth`: a set's expectations against its own truth, without asking the
 * assistant. For set writers: a turn whose `match` no truth product satisfies (and that is not
 * a not-carried question) is a bug in the set; the counts show how strict each predicate is.
 */
import type { CatalogSet, Truth, TruthProduct } from './types';

const best = (products: readonly TruthProduct[], sort: string | undefined): string => {
  if (sort === undefined || products.length === 0) return '';
  const key = (p: TruthProduct) => (sort === 'rating_desc' ? (p.rating ?? -1) : p.price);
  const sorted = [...products].sort((a, b) =>
    sort === 'price_asc' ? key(a) - key(b) : key(b) - key(a),
  );
  const top = sorted[0];
  return top ? `  best: ${top.name} (${key(top)})` : '';
};

/** One line per turn: how many truth products `match` and `all` accept. Returns the problems. */
export function truthReport(set: CatalogSet, truth: Truth): { lines: string[]; problems: number } {
  const lines = [
    `${set.name}: ${truth.products.length} truth products, ${truth.currency}, has ${JSON.stringify(truth.has)}`,
  ];
  let problems = 0;
  let turns = 0;
  for (const c of set.cases) {
    for (const [i, turn] of c.turns.entries()) {
      turns++;
      const { expect } = turn;
      // Earlier turns' products are unknown here: predicates that need them see none.
      const context = { shown: [] };
      const match = expect.match;
      const all = expect.all;
      const matching = match ? truth.products.filter((p) => match(p, context)) : [];
      const allowed = all ? truth.products.filter((p) => all(p, context)).length : undefined;
      const bad = match !== undefined && matching.length === 0 && i === 0;
      if (bad) problems++;
      const counts = [
        match ? `match ${matching.length}` : '',
        allowed === undefined ? '' : `all ${allowed}`,
        expect.min === undefined ? '' : `min ${expect.min}`,
      ].filter((s) => s !== '');
      lines.push(
        `  ${bad ? '!!' : '  '} [${c.id} #${i + 1}] ${turn.ask}  ${counts.join(', ')}${best(matching, expect.best)}`,
      );
    }
  }
  lines.push(
    `  ${turns} turns, ${set.cases.length} cases, ${problems} predicates matching nothing`,
  );
  return { lines, problems };
}
