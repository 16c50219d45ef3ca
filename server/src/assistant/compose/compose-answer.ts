import type { AnswerInput } from '../types';
import { type CatalogOutline, EMPTY_OUTLINE } from './catalog-outline';
import { faqAnswer } from './faq-answer';
import { greetingAnswer, otherAnswer, salesAnswer } from './other-answers';
import { productAnswer } from './product-answer';

/**
 * The local (no-LLM) answer: deterministic text built only from `input` — the products
 * retrieved or shown, the retrieved documents, the store's currency — and the outline of the
 * store's own categories.
 */
export function composeAnswer(input: AnswerInput, outline: CatalogOutline = EMPTY_OUTLINE): string {
  switch (input.understanding.intent) {
    case 'greeting':
      return greetingAnswer(input, outline);
    case 'faq':
      return faqAnswer(input);
    case 'sales':
      return salesAnswer(input);
    case 'product_inquiry':
      return productAnswer(input, outline);
    case 'other':
      return otherAnswer(input, outline);
  }
}
