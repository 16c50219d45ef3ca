import type { AnswerInput } from '../types';
import type { CatalogVocabulary } from '../understand/vocabulary';
import { faqAnswer } from './faq-answer';
import { greetingAnswer, otherAnswer, salesAnswer } from './other-answers';
import { productAnswer } from './product-answer';

const NO_VOCABULARY: CatalogVocabulary = { brands: [], categories: [] };

/**
 * The local (no-LLM) answer: deterministic text built only from `input` — the products
 * retrieved or shown, the retrieved documents — and the catalog's category names.
 */
export function composeAnswer(
  input: AnswerInput,
  vocabulary: CatalogVocabulary = NO_VOCABULARY,
): string {
  switch (input.understanding.intent) {
    case 'greeting':
      return greetingAnswer(input, vocabulary);
    case 'faq':
      return faqAnswer(input);
    case 'sales':
      return salesAnswer(input);
    case 'product_inquiry':
      return productAnswer(input, vocabulary);
    case 'other':
      return otherAnswer(input, vocabulary);
  }
}
