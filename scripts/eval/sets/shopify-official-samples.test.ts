import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitFolder } from '../kit';
import { missingKinds, notCarriedProblems, setProblems, turnCount } from './set-sanity';
import set from './shopify-official-samples';

const truth = set.readTruth(join(kitFolder(), set.name));

/** What the not-carried questions ask for: the store must sell none of it. */
const ABSENT: Record<string, RegExp> = {
  'not-carried-wedding-ring': /diamond|engagement|\brings?\b/i,
  'not-carried-dining-table': /dining table|glass table/i,
  'not-carried-running-shoes': /nike|running shoe|\bshoes?\b/i,
};

describe('the shopify-official-samples question set', () => {
  it('asks at least 40 turns covering every kind of question', () => {
    expect(turnCount(set)).toBeGreaterThanOrEqual(40);
    expect(missingKinds(set)).toEqual([]);
  });

  it('asks nothing the truth cannot answer', () => {
    expect(setProblems(set, truth)).toEqual([]);
  });

  it('calls "not carried" only what the store does not sell', () => {
    expect(notCarriedProblems(set, truth, ABSENT)).toEqual([]);
  });

  it('never asks for a best rated product: the file has no ratings', () => {
    expect(truth.has.rating).toBe(false);
    const turns = set.cases.flatMap((c) => c.turns);
    expect(turns.filter((t) => t.expect.best === 'rating_desc')).toEqual([]);
  });
});
