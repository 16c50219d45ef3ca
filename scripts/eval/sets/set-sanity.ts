import { keyOf } from '../checks';
import type { Best, CatalogSet, EvalTurn, Expectation, Truth, TruthProduct } from '../types';

/**
 * What makes a question set wrong before any answer is judged: for the sets' own tests and for
 * `pnpm eval --truth`.
 *
 * Each case is walked as if every answer had shown the first five truth products its turn
 * accepts (only the best one for a superlative), so follow-ups that read the previous turn
 * ("the second one", "something cheaper") are checked against a plausible history. A turn
 * whose expectation no truth product can meet is a bug in the set, not in the assistant.
 */

const SHOWN = 5;

/** Smaller is better; NaN when the product lacks the field (no rating). */
const key = (best: Best, p: TruthProduct): number =>
  (best === 'price_asc' ? 1 : -1) * (keyOf(best, p) ?? Number.NaN);

/** The products an ideal answer could show, best first. */
function acceptable(
  expect: Expectation,
  truth: Truth,
  shown: readonly TruthProduct[][],
): TruthProduct[] {
  const { match, all, best } = expect;
  if (match === undefined) return [];
  const context = { shown };
  const ok = truth.products.filter((p) => match(p, context) && (all ? all(p, context) : true));
  if (best === undefined) return ok;
  return ok.filter((p) => !Number.isNaN(key(best, p))).sort((a, b) => key(best, a) - key(best, b));
}

function turnProblems(where: string, expect: Expectation, found: number): string[] {
  const out: string[] = [];
  if (expect.notCarried && expect.match)
    out.push(`${where}: notCarried with a match (the runner reads an empty match as a set bug)`);
  if (expect.policyUnknown && !expect.noProducts)
    out.push(`${where}: policyUnknown without noProducts`);
  if (expect.noProducts && expect.match) out.push(`${where}: noProducts with a match`);
  if (!expect.match && (expect.best || expect.min || expect.all))
    out.push(`${where}: best/min/all without match`);
  const wanted = expect.match === undefined ? 0 : Math.max(expect.min ?? 1, 1);
  if (found < wanted)
    out.push(`${where}: ${found} truth products meet the expectation, ${wanted} needed`);
  return out;
}

/** One turn as the walk saw it: the products an ideal answer could show, best first. */
export interface WalkedTurn {
  caseId: string;
  /** 1-based position in the case. */
  position: number;
  turn: EvalTurn;
  accepted: TruthProduct[];
  problems: string[];
}

/** Every turn of `set` walked against `truth`, follow-ups reading the turns before them. */
export function walkSet(set: CatalogSet, truth: Truth): WalkedTurn[] {
  return set.cases.flatMap((c) => {
    const shown: TruthProduct[][] = [];
    return c.turns.map((turn, i): WalkedTurn => {
      const accepted = acceptable(turn.expect, truth, shown);
      const where = `${c.id}#${i + 1}`;
      shown.push(accepted.slice(0, turn.expect.best === undefined ? SHOWN : 1));
      return {
        caseId: c.id,
        position: i + 1,
        turn,
        accepted,
        problems: turnProblems(where, turn.expect, accepted.length),
      };
    });
  });
}

/** Everything wrong with `set` against `truth` (empty when the set is sound). */
export function setProblems(set: CatalogSet, truth: Truth): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  for (const c of set.cases) {
    if (ids.has(c.id)) out.push(`${c.id}: duplicate case id`);
    ids.add(c.id);
    if (c.turns.length === 0) out.push(`${c.id}: no turns`);
  }
  return [...walkSet(set, truth).flatMap((t) => t.problems), ...out];
}

/** Turns in the set (a follow-up chain counts each turn). */
export const turnCount = (set: CatalogSet): number =>
  set.cases.reduce((n, c) => n + c.turns.length, 0);

/** Every kind of question a set is meant to cover (EvalCase.kind). */
export const QUESTION_KINDS = [
  'greeting',
  'category',
  'brand',
  'budget',
  'superlative',
  'attribute',
  'model',
  'typo',
  'synonym',
  'not-carried',
  'follow-up',
  'preference',
  'policy',
] as const;

/** The kinds the set never asks, leaving out those its store cannot have (`except`). */
export const missingKinds = (set: CatalogSet, except: readonly string[] = []): string[] =>
  QUESTION_KINDS.filter((k) => !except.includes(k) && !set.cases.some((c) => c.kind === k));

/**
 * Not-carried cases checked against what they ask for (`absent`: case id -> pattern): every
 * such case has a pattern, and no truth product's `text` (its name by default) matches it.
 */
export function notCarriedProblems(
  set: CatalogSet,
  truth: Truth,
  absent: Readonly<Record<string, RegExp>>,
  text: (p: TruthProduct) => string = (p) => p.name,
): string[] {
  const out: string[] = [];
  const ids = set.cases.filter((c) => c.turns.some((t) => t.expect.notCarried)).map((c) => c.id);
  for (const id of ids)
    if (absent[id] === undefined) out.push(`${id}: no pattern of what is absent`);
  for (const [id, pattern] of Object.entries(absent)) {
    if (!ids.includes(id)) out.push(`${id}: no such not-carried case`);
    for (const p of truth.products)
      if (pattern.test(text(p))) out.push(`${id}: the store sells ${p.sku} (${p.name})`);
  }
  return out;
}
