/**
 * `pnpm eval --truth`: a set's expectations against its own truth, without asking the
 * assistant. For set writers: the problems are those the sets' own tests fail on
 * (sets/set-sanity.ts); the counts show how strict each expectation is.
 */
import { keyOf } from './checks';
import { setProblems, type WalkedTurn, walkSet } from './sets/set-sanity';
import type { CatalogSet, Truth } from './types';

/** The product a superlative turn must lead with (ties aside). */
const describeBest = (w: WalkedTurn): string => {
  const top = w.accepted[0];
  const best = w.turn.expect.best;
  if (best === undefined || top === undefined) return '';
  return `  best: ${top.name} (${keyOf(best, top)})`;
};

/** One line per turn: how many truth products it accepts, then every problem of the set. */
export function truthReport(set: CatalogSet, truth: Truth): { lines: string[]; problems: number } {
  const lines = [
    `${set.name}: ${truth.products.length} truth products, ${truth.currency}, has ${JSON.stringify(truth.has)}`,
  ];
  const walked = walkSet(set, truth);
  for (const w of walked) {
    const { expect } = w.turn;
    const counts = [
      expect.match ? `accepted ${w.accepted.length}` : '',
      expect.min === undefined ? '' : `min ${expect.min}`,
    ].filter((s) => s !== '');
    const mark = w.problems.length > 0 ? '!!' : '  ';
    lines.push(
      `  ${mark} [${w.caseId} #${w.position}] ${w.turn.ask}  ${counts.join(', ')}${describeBest(w)}`,
    );
  }
  const problems = setProblems(set, truth);
  lines.push(...problems.map((p) => `  !! ${p}`));
  lines.push(
    `  ${walked.length} turns, ${set.cases.length} cases, ${problems.length} problems in the set`,
  );
  return { lines, problems: problems.length };
}
