import type { CatalogSet, Truth, TurnContext } from '../types';

const FIRST_TURN: TurnContext = { shown: [] };

/**
 * Problems in a question set against its truth: an expectation that no product can meet is a
 * bug in the set (unless the store is said not to carry it), and so is a `best` over nothing
 * or a `min` above what the store holds. Predicates that read earlier turns are judged as on
 * a first turn (nothing shown yet), which is where they fall back to the shopper's words.
 */
export function setProblems(set: CatalogSet, truth: Truth): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const c of set.cases) {
    if (ids.has(c.id)) problems.push(`${c.id}: duplicate id`);
    ids.add(c.id);
    for (const [i, turn] of c.turns.entries()) {
      const where = `${c.id}#${i} "${turn.ask}"`;
      const e = turn.expect;
      if (!e.match) {
        if (e.best || e.min || e.all) problems.push(`${where}: best/min/all without match`);
        continue;
      }
      const { match, all } = e;
      const matching = truth.products.filter((p) => match(p, FIRST_TURN));
      const shown = all ? matching.filter((p) => all(p, FIRST_TURN)) : matching;
      if (e.notCarried) continue;
      if (shown.length < (e.min ?? 1)) {
        problems.push(
          `${where}: ${shown.length} products meet match and all, ${e.min ?? 1} needed`,
        );
      }
      if (e.best === 'rating_desc' && !matching.some((p) => p.rating !== undefined)) {
        problems.push(`${where}: best rated among products without ratings`);
      }
    }
  }
  return problems;
}

/** Answer turns the set asks (a follow-up chain counts each turn). */
export const turnCount = (set: CatalogSet): number =>
  set.cases.reduce((n, c) => n + c.turns.length, 0);
