/** The answer inputs the compose tests build: an understanding and the rest of an AnswerInput. */
import { type ProductQueryInput, ProductQuerySchema } from '@aisle/shared';
import type { AnswerInput } from '../types';
import { context } from '../understand/test-fixtures';
import type { Understanding } from '../understanding-schema';

export const understandingOf = (
  intent: Understanding['intent'],
  query: ProductQueryInput = {},
  extra: Partial<Understanding> = {},
): Understanding => ({
  intent,
  query: ProductQuerySchema.parse(query),
  references: [],
  followUp: false,
  ...extra,
});

/** An AnswerInput with nothing found, in dollars, for a session with no history. */
export const answerInputOf = (
  over: Partial<AnswerInput> & Pick<AnswerInput, 'question' | 'understanding'>,
): AnswerInput => ({
  products: [],
  alternatives: false,
  documents: [],
  currency: 'USD',
  context: context(),
  ...over,
});
