import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitFolder } from '../kit';
import set from './ocado-grocery';
import { missingKinds, notCarriedProblems, setProblems, turnCount } from './set-sanity';

const truth = set.readTruth(join(kitFolder(), set.name));

/** What the not-carried questions ask for: the scrape must have none of it. */
const ABSENT: Record<string, RegExp> = {
  'not-carried-guinness': /guinness/i,
  'not-carried-prosecco': /prosecco/i,
  'not-carried-nappies': /pampers|napp(y|ies)|diapers?/i,
  'not-carried-red-bull-flavour': /red bull.*watermelon/i,
};

describe('the ocado-grocery question set', () => {
  it('asks at least 40 turns covering every kind of question', () => {
    expect(turnCount(set)).toBeGreaterThanOrEqual(40);
    expect(missingKinds(set)).toEqual([]);
  });

  it('asks nothing the truth cannot answer', () => {
    expect(setProblems(set, truth)).toEqual([]);
  });

  it('calls "not carried" only what the scrape lacks', () => {
    expect(notCarriedProblems(set, truth, ABSENT)).toEqual([]);
  });

  it('asks for the best rated only among products the file rates', () => {
    const rated = set.cases.flatMap((c) => c.turns).filter((t) => t.expect.best === 'rating_desc');
    expect(rated.length).toBeGreaterThan(0);
    for (const turn of rated) {
      const match = turn.expect.match;
      const ratings = truth.products.filter((p) => match?.(p, { shown: [] }) && p.rating);
      expect(ratings.length, turn.ask).toBeGreaterThanOrEqual(3);
    }
  });
});
