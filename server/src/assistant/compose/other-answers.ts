import type { AnswerInput } from '../types';
import type { CatalogVocabulary } from '../understand/vocabulary';
import { nothingShownFits } from './product-answer';
import { categoryLabel, featuredCategories, formatPrice, listOf, stockText } from './wording';

/** "smartphones, laptops, tablets and more" from the catalog's own categories. */
function whatWeSell(vocabulary: CatalogVocabulary, max = 6): string {
  const labels = featuredCategories(vocabulary.categories).map((c) => categoryLabel(c));
  if (labels.length === 0) return 'products from our catalog';
  if (labels.length <= max) return listOf(labels);
  return `${labels.slice(0, max).join(', ')} and more`;
}

export function greetingAnswer(input: AnswerInput, vocabulary: CatalogVocabulary): string {
  if (/^\s*(?:thanks|thank\s+you|thx|cheers)\b/i.test(input.question)) {
    return "You're welcome! Is there anything else I can help you find?";
  }
  return `Hi! I'm your shopping assistant. I can help you find ${whatWeSell(vocabulary)}, compare products, check prices and stock, and answer questions about orders, shipping and returns. What are you looking for today?`;
}

export function otherAnswer(_input: AnswerInput, vocabulary: CatalogVocabulary): string {
  return `I'm a shopping assistant for this store, so I can't help with that one. I can help you find ${whatWeSell(vocabulary)}, compare products, check prices and stock, or answer questions about orders and store policies.`;
}

/** Guides a purchase: names the SKU to add for the products referred to or found. */
export function salesAnswer(input: AnswerInput): string {
  const { products } = input;
  const [first] = products;
  if (first === undefined && input.understanding.followUp && input.context.lastShown.length > 0) {
    return nothingShownFits(input);
  }
  if (first === undefined) {
    return 'To order, ask me about a product; I will give you its SKU, and you can add it to your cart with cart add and check out when you are ready. What would you like to buy?';
  }
  if (products.length === 1) {
    const caveat =
      first.stock === undefined
        ? ''
        : first.stock > 0
          ? ` It is ${stockText(first)}.`
          : ' Heads-up: it is currently out of stock, so it cannot ship right away.';
    const close = input.alternatives
      ? ' It is the closest match I found to what you asked for.'
      : '';
    return `I can add the **${first.name}** (${formatPrice(first.price)}) to your cart — use cart add with SKU ${first.sku}.${caveat}${close} Then check out whenever you are ready.`;
  }
  const lines = products.map(
    (p) => `- **${p.name}** (${formatPrice(p.price)}, ${stockText(p)}): SKU ${p.sku}`,
  );
  return [
    'Which one would you like? Add it to your cart with cart add and its SKU:',
    ...lines,
  ].join('\n');
}
