import type { AnswerInput } from '../types';
import type { CatalogOutline } from './catalog-outline';
import { nothingShownFits } from './follow-up-answer';
import { categoryName, isAvailable, listOf, nameOf, priceOf, stockText } from './wording';

/** "smartphones, laptops, tablets and more": the store's biggest top-level categories. */
function whatWeSell(outline: CatalogOutline, max = 5): string {
  const names = outline.top.map(categoryName);
  if (names.length === 0) return 'products from our catalog';
  if (names.length <= max) return listOf(names);
  return `${names.slice(0, max).join(', ')} and more`;
}

export function greetingAnswer(input: AnswerInput, outline: CatalogOutline): string {
  if (/^\s*(?:thanks|thank\s+you|thx|cheers)\b/i.test(input.question)) {
    return "You're welcome! Is there anything else I can help you find?";
  }
  return `Hi! I'm your shopping assistant. I can help you find products across ${whatWeSell(outline)}, compare them and check their prices. What are you looking for today?`;
}

export function otherAnswer(_input: AnswerInput, outline: CatalogOutline): string {
  return `I'm a shopping assistant for this store, so I can't help with that one. I can help you find products across ${whatWeSell(outline)}, compare them and check their prices.`;
}

/** Guides a purchase: names the SKU to add for the products referred to or found. */
export function salesAnswer(input: AnswerInput): string {
  const { products, currency } = input;
  const [first] = products;
  if (first === undefined && input.understanding.followUp && input.context.lastShown.length > 0) {
    return nothingShownFits(input);
  }
  if (first === undefined) {
    return 'To order, ask me about a product; I will give you its SKU, and you can add it to your cart with cart add and check out when you are ready. What would you like to buy?';
  }
  if (products.length === 1) {
    const available = isAvailable(first);
    const caveat =
      available === undefined
        ? ''
        : available
          ? ` It is ${stockText(first)}.`
          : ` Heads-up: it is currently ${stockText(first)}, so it cannot ship right away.`;
    const close = input.alternatives
      ? ' It is the closest match I found to what you asked for.'
      : '';
    return `I can add the **${nameOf(first)}** (${priceOf(first, currency)}) to your cart — use cart add with SKU ${first.sku}.${caveat}${close} Then check out whenever you are ready.`;
  }
  const lines = products.map((p) => {
    const stock = stockText(p);
    return `- **${nameOf(p)}** (${priceOf(p, currency)}${stock === '' ? '' : `, ${stock}`}): SKU ${p.sku}`;
  });
  return [
    'Which one would you like? Add it to your cart with cart add and its SKU:',
    ...lines,
  ].join('\n');
}
