import type { EvalCase, Expectation } from '../types';

/** Shorthands for the commonest one-question cases of a set's table. */

/** A single question. */
export const one = (id: string, kind: string, ask: string, expect: Expectation): EvalCase => ({
  id,
  kind,
  turns: [{ ask, expect }],
});

/** A policy question: the store gives no documents, so the answer must say it does not know. */
export const policy = (ask: string, id: string): EvalCase =>
  one(id, 'policy', ask, { policyUnknown: true, noProducts: true });

/** Something the store does not sell: the answer must say so. */
export const notCarried = (ask: string, id: string): EvalCase =>
  one(id, 'not-carried', ask, { notCarried: true });
