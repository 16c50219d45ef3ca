import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitFolder } from '../kit';
import { missingKinds, notCarriedProblems, setProblems, turnCount } from './set-sanity';
import set from './shopify-unshattered-bags';

const truth = set.readTruth(join(kitFolder(), set.name));

/** What the not-carried questions ask for: the export must sell none of it. */
const ABSENT: Record<string, RegExp> = {
  'not-carried-gucci': /gucci/i,
  'not-carried-lv': /louis vuitton|neverfull/i,
  // In the file, but archived: not for sale.
  'not-carried-denise-tote': /denise\s+tote/i,
};

describe('the shopify-unshattered-bags question set', () => {
  it('asks at least 40 turns covering every kind of question', () => {
    expect(turnCount(set)).toBeGreaterThanOrEqual(40);
    expect(missingKinds(set)).toEqual([]);
  });

  it('asks nothing the truth cannot answer', () => {
    expect(setProblems(set, truth)).toEqual([]);
  });

  it('calls "not carried" only what the store does not sell', () => {
    expect(notCarriedProblems(set, truth, ABSENT, (p) => `${p.name} ${p.text}`)).toEqual([]);
  });

  it('never asks for a best rated product: the file has no ratings', () => {
    expect(truth.has.rating).toBe(false);
    const turns = set.cases.flatMap((c) => c.turns);
    expect(turns.filter((t) => t.expect.best === 'rating_desc')).toEqual([]);
  });
});
