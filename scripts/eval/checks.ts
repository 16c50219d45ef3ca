/**
 * The checks of one turn's Expectation (scripts/eval/types.ts), each named so a failure says
 * which. Pure: an answer and the truth in, findings out (empty = the turn did what was asked).
 *
 * Rules the contract leaves to the runner, made explicit here:
 * - `match` / `best` / `min` / `all` judge the products shown by their sku in the truth; a
 *   product the truth does not have matches nothing (the audit also reports it).
 * - `notCarried`: the answer must SAY it does not have the thing asked for, in words a shopper
 *   reads as such (NOT_FOUND below: "couldn't find", "don't carry", "no exact match",
 *   "closest alternatives"...). Products may follow, since the sentence labels them as
 *   alternatives; an answer that presents products without such a sentence fails.
 * - `policyUnknown`: the answer says it does not have the information (NO_POLICY below), cites
 *   no source, and repeats no sentence of the demo knowledge base.
 * - A `match` that no truth product satisfies is a bug in the set, reported as `set`.
 */
import type { Finding, TurnAnswer } from './answer';
import { copiedSentence, demoDocuments } from './demo-text';
import { sameMoney } from './money';
import type { Best, Expectation, Truth, TruthProduct, TurnContext } from './types';

/** Words that tell the shopper the store does not have what they asked for. */
export const NOT_FOUND =
  /\b(?:couldn't|could not|can't|cannot|didn't|did not|wasn't able to|was not able to|unable to)\s+(?:find|locate|see)\b|\b(?:don't|do not|doesn't|does not)\s+(?:seem to\s+)?(?:carry|have|sell|stock|offer)\b|\bnot (?:carried|available in our|in our (?:catalog|store|range))\b|\bno (?:exact )?match(?:es)?\b|\bno exact\b|\bnone of (?:our|the|them)\b|\bclosest (?:alternatives?|matches|match|options?)\b|\binstead\b.*\balternatives?\b|\bwe (?:only )?(?:carry|have) no\b/i;

/** Words that say the answer does not have the store's policy. */
export const NO_POLICY =
  /\b(?:don't|do not|doesn't|does not|can't|cannot)\s+(?:have|know|find|hold|cover)\b|\bno (?:information|details|policy|documents?|documentation)\b|\bnot (?:sure|able to (?:find|say|answer|confirm))\b|\bunable to (?:find|say|answer|confirm)\b/i;

const list = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

const excerpt = (text: string, max = 80): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

function intentFindings(expect: Expectation, answer: TurnAnswer): Finding[] {
  const accepted = list(expect.intent);
  if (accepted.length === 0 || accepted.includes(answer.intent)) return [];
  return [{ check: 'intent', detail: `${answer.intent}, expected ${accepted.join(' or ')}` }];
}

/** What a superlative ranks by: the rating (undefined when the file gives none) or the price. */
export const keyOf = (best: Best, p: TruthProduct): number | undefined =>
  best === 'rating_desc' ? p.rating : p.price;

/** The first product shown must be the best of all matching truth products (ties allowed). */
function bestFindings(
  best: Best,
  first: TruthProduct | undefined,
  candidates: readonly TruthProduct[],
): Finding[] {
  const keys = candidates.flatMap((p) => {
    const k = keyOf(best, p);
    return k === undefined ? [] : [k];
  });
  if (keys.length === 0)
    return [{ check: 'set', detail: `best ${best}: no matching truth product has that field` }];
  const target = best === 'price_asc' ? Math.min(...keys) : Math.max(...keys);
  const winners = candidates.filter((p) => {
    const k = keyOf(best, p);
    return k !== undefined && sameMoney(k, target);
  });
  const firstKey = first === undefined ? undefined : keyOf(best, first);
  if (first && winners.includes(first)) return [];
  const shown = first ? `${first.name} (${firstKey ?? 'n/a'})` : 'an unknown product';
  const want = winners
    .map((p) => p.name)
    .slice(0, 3)
    .join(' / ');
  return [{ check: `best:${best}`, detail: `first is ${shown}, best is ${want} (${target})` }];
}

function matchFindings(
  expect: Expectation,
  shown: readonly (TruthProduct | undefined)[],
  truth: Truth,
  context: TurnContext,
): Finding[] {
  const match = expect.match;
  if (match === undefined && expect.best === undefined) return [];
  const candidates = truth.products.filter((p) => (match ? match(p, context) : true));
  if (match && candidates.length === 0)
    return [{ check: 'set', detail: 'match: no truth product satisfies it (a bug in the set)' }];
  if (shown.length === 0) return [{ check: 'match', detail: 'no products shown' }];
  const first = shown[0];
  if (expect.best !== undefined) return bestFindings(expect.best, first, candidates);
  const out: Finding[] = [];
  const isMatch = (p: TruthProduct | undefined) => p !== undefined && candidates.includes(p);
  if (!isMatch(first))
    out.push({ check: 'match:first', detail: 'the first product shown does not match' });
  const min = expect.min ?? 1;
  const matching = shown.filter(isMatch).length;
  if (matching < min)
    out.push({ check: 'match:min', detail: `${matching} of ${min} wanted match` });
  return out;
}

function allFindings(
  expect: Expectation,
  answer: TurnAnswer,
  truth: Truth,
  context: TurnContext,
): Finding[] {
  const all = expect.all;
  if (all === undefined) return [];
  const bad = answer.products.filter((p) => {
    const real = truth.bySku.get(p.sku);
    return real === undefined || !all(real, context);
  });
  if (bad.length === 0) return [];
  return [
    { check: 'all', detail: `not as asked: ${bad.map((p) => excerpt(p.name, 40)).join('; ')}` },
  ];
}

function policyFindings(answer: TurnAnswer): Finding[] {
  const out: Finding[] = [];
  if (!NO_POLICY.test(answer.answer))
    out.push({ check: 'policyUnknown', detail: 'does not say it lacks the store policy' });
  if (answer.sources.length > 0)
    out.push({
      check: 'policyUnknown:sources',
      detail: `cites ${answer.sources.map((s) => s.id).join(', ')}`,
    });
  const copied = copiedSentence(answer.answer, demoDocuments().sentences);
  if (copied) out.push({ check: 'policyUnknown:demo', detail: `demo text: "${excerpt(copied)}"` });
  return out;
}

/** `re` without the g / y flags, whose `test` would resume from the last match. */
const stateless = (re: RegExp): RegExp => new RegExp(re.source, re.flags.replace(/[gy]/g, ''));

function textFindings(expect: Expectation, answer: TurnAnswer): Finding[] {
  const out: Finding[] = [];
  for (const re of list(expect.says))
    if (!stateless(re).test(answer.answer)) out.push({ check: 'says', detail: `missing ${re}` });
  for (const re of list(expect.saysNot))
    if (stateless(re).test(answer.answer)) out.push({ check: 'saysNot', detail: `contains ${re}` });
  return out;
}

/** Every expectation of `expect` the answer misses (empty when the turn passes). */
export function checkTurn(
  expect: Expectation,
  answer: TurnAnswer,
  truth: Truth,
  context: TurnContext,
): Finding[] {
  const shown = answer.products.map((p) => truth.bySku.get(p.sku));
  const out = [
    ...intentFindings(expect, answer),
    ...matchFindings(expect, shown, truth, context),
    ...allFindings(expect, answer, truth, context),
    ...textFindings(expect, answer),
  ];
  if (expect.noProducts && answer.products.length > 0)
    out.push({ check: 'noProducts', detail: `${answer.products.length} products shown` });
  if (expect.notCarried && !NOT_FOUND.test(answer.answer))
    out.push({ check: 'notCarried', detail: 'does not say the store lacks it' });
  if (expect.policyUnknown) out.push(...policyFindings(answer));
  return out;
}
