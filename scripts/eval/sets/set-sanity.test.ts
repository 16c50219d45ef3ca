import { describe, expect, it } from 'vitest';
import { truthOf } from '../truth';
import type { CatalogSet, EvalCase, TruthProduct } from '../types';
import { cheaperThanBefore, named, shownBefore } from './predicates';
import { missingKinds, notCarriedProblems, setProblems, turnCount, walkSet } from './set-sanity';

const product = (sku: string, name: string, price: number, rating?: number): TruthProduct => ({
  sku,
  name,
  price,
  categoryPath: [],
  text: name.toLowerCase(),
  attributes: {},
  ...(rating === undefined ? {} : { rating }),
});

const truth = truthOf(
  [product('a', 'Red Tote', 50, 4), product('b', 'Blue Tote', 30), product('c', 'Wallet', 20)],
  'USD',
);

const setOf = (cases: EvalCase[]): CatalogSet => ({
  name: 'tiny',
  file: 'tiny.csv',
  readTruth: () => truth,
  cases,
});

describe('setProblems', () => {
  it('passes a sound set, follow-ups read against a plausible history', () => {
    const set = setOf([
      {
        id: 'chain',
        kind: 'follow-up',
        turns: [
          { ask: 'totes', expect: { match: named(/tote/i), min: 2 } },
          { ask: 'the second one', expect: { match: shownBefore([1]) } },
        ],
      },
      {
        id: 'cheaper',
        kind: 'follow-up',
        turns: [
          { ask: 'priciest tote', expect: { match: named(/tote/i), best: 'price_desc' } },
          { ask: 'cheaper?', expect: { match: cheaperThanBefore, all: named(/tote/i) } },
        ],
      },
      {
        id: 'absent',
        kind: 'not-carried',
        turns: [{ ask: 'rings', expect: { notCarried: true } }],
      },
    ]);
    expect(setProblems(set, truth)).toEqual([]);
    expect(turnCount(set)).toBe(5);
  });

  it('finds expectations the truth cannot meet and contradictory ones', () => {
    const set = setOf([
      {
        id: 'none',
        kind: 'category',
        turns: [{ ask: 'rings', expect: { match: named(/ring/i) } }],
      },
      {
        id: 'few',
        kind: 'category',
        turns: [{ ask: 'wallets', expect: { match: named(/wallet/i), min: 2 } }],
      },
      {
        id: 'rated',
        kind: 'superlative',
        turns: [{ ask: 'best wallet', expect: { match: named(/wallet/i), best: 'rating_desc' } }],
      },
      {
        id: 'mixed',
        kind: 'not-carried',
        turns: [{ ask: 'totes?', expect: { match: named(/tote/i), notCarried: true } }],
      },
      {
        id: 'policy',
        kind: 'policy',
        turns: [{ ask: 'returns?', expect: { policyUnknown: true } }],
      },
      {
        id: 'loose',
        kind: 'superlative',
        turns: [{ ask: 'cheapest?', expect: { best: 'price_asc', min: 2 } }],
      },
      { id: 'none', kind: 'category', turns: [] },
    ]);
    expect(setProblems(set, truth)).toEqual([
      'none#1: 0 truth products meet the expectation, 1 needed',
      'few#1: 1 truth products meet the expectation, 2 needed',
      'rated#1: 0 truth products meet the expectation, 1 needed',
      'mixed#1: notCarried with a match (the runner reads an empty match as a set bug)',
      'policy#1: policyUnknown without noProducts',
      'loose#1: best/min/all without match',
      'none: duplicate case id',
      'none: no turns',
    ]);
  });
});

describe('walkSet', () => {
  it('gives each follow-up what the turn before it could have shown', () => {
    const set = setOf([
      {
        id: 'chain',
        kind: 'follow-up',
        turns: [
          { ask: 'priciest tote', expect: { match: named(/tote/i), best: 'price_desc' } },
          { ask: 'cheaper?', expect: { match: cheaperThanBefore } },
        ],
      },
    ]);
    const walked = walkSet(set, truth);
    expect(walked.map((w) => [w.caseId, w.position, w.accepted.map((p) => p.sku)])).toEqual([
      ['chain', 1, ['a', 'b']],
      ['chain', 2, ['b', 'c']],
    ]);
  });
});

describe('missingKinds and notCarriedProblems', () => {
  const set = setOf([
    { id: 'totes', kind: 'category', turns: [{ ask: 'totes', expect: { match: named(/tote/i) } }] },
    { id: 'rings', kind: 'not-carried', turns: [{ ask: 'rings', expect: { notCarried: true } }] },
    { id: 'bags', kind: 'not-carried', turns: [{ ask: 'bags', expect: { notCarried: true } }] },
  ]);
  it('lists the kinds a set never asks, but those its store cannot have', () => {
    expect(missingKinds(set)).not.toContain('category');
    expect(missingKinds(set)).toContain('policy');
    expect(missingKinds(set, ['policy'])).not.toContain('policy');
  });
  it('checks every not-carried case against what the store sells', () => {
    expect(notCarriedProblems(set, truth, { rings: /\bring/i, bags: /handbag/i })).toEqual([]);
    expect(
      notCarriedProblems(set, truth, { rings: /\bring/i, bags: /tote/i, hats: /hat/i }),
    ).toEqual([
      'bags: the store sells a (Red Tote)',
      'bags: the store sells b (Blue Tote)',
      'hats: no such not-carried case',
    ]);
    expect(notCarriedProblems(set, truth, { rings: /\bring/i })).toEqual([
      'bags: no pattern of what is absent',
    ]);
  });
});
