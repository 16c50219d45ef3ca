import type { AnswerInput } from '../types';
import { isSizePhrase } from './asked-words';
import { listOf } from './wording';

/**
 * The words of an answer about a model or size the store does not carry ("Do you have the
 * iPhone 6?"): said plainly first, in the shopper's words, so nothing shown after it reads as
 * the thing asked for.
 */

const models = (input: AnswerInput) => (input.notCarried ?? []).filter((p) => !isSizePhrase(p));
const sizes = (input: AnswerInput) => (input.notCarried ?? []).filter(isSizePhrase);

/**
 * "We don't carry the iPhone 6." / "We don't carry anything in 85 inch." — retrieval found no
 * product in the whole catalog holding the model or size, so "anything" is the store's word.
 * Empty when the shopper named nothing the store lacks.
 */
export function notCarriedSentence(input: AnswerInput): string {
  const named = models(input);
  const measures = sizes(input);
  if (named.length > 0) {
    const size = measures.length === 0 ? '' : ` in ${listOf(measures, 'or')}`;
    return `We don't carry the ${listOf(named, 'or')}${size}.`;
  }
  if (measures.length > 0) return `We don't carry anything in ${listOf(measures, 'or')}.`;
  return '';
}

/** How every alternative differs from what was asked: "not the iPhone 6", "not 85 inch". */
export function notCarriedNotes(input: AnswerInput): string[] {
  const named = models(input);
  const measures = sizes(input);
  return [
    ...(named.length === 0 ? [] : [`not the ${listOf(named, 'or')}`]),
    ...(measures.length === 0 ? [] : [`not ${listOf(measures, 'or')}`]),
  ];
}
