import type { Product } from '@aisle/shared';
import type { AnswerInput } from '../types';
import { compareAnswer } from './compare-answer';
import { focusOf } from './question-focus';
import { ORDER, SUPERLATIVE, sortOf } from './search-words';
import {
  attributesText,
  brandNote,
  descriptionText,
  highlightsOf,
  isAvailable,
  nameOf,
  plainText,
  priceOf,
  productFacts,
  productLine,
  stockText,
} from './wording';

/** Answers about the products shown before: "is it in stock?", "compare them", "tell me more". */

/** "Is it in stock?": the store's own words for each product, or that it gave none. */
export function stockAnswer(input: AnswerInput): string {
  const money = (p: Product) => priceOf(p, input.currency);
  const lines = input.products.map((p) => {
    const available = isAvailable(p);
    if (available === undefined)
      return `The store doesn't list stock for the **${nameOf(p)}** (${money(p)}).`;
    return available
      ? `Yes — the **${nameOf(p)}** is ${stockText(p)} at ${money(p)}.`
      : `The **${nameOf(p)}** is currently ${stockText(p)}.`;
  });
  return [...lines, nextStep(input.products)].join('\n');
}

/** "Tell me more": everything the store gave about each product. */
export function detailsAnswer(input: AnswerInput): string {
  const blocks = input.products.map((p) => {
    const by = plainText(p.brand) === '' ? '' : ` by ${plainText(p.brand)}`;
    const attributes = attributesText(p, 8);
    const highlights = highlightsOf(p);
    const about = [
      descriptionText(p),
      attributes === '' ? '' : `Details: ${attributes}.`,
      highlights.length === 0 ? '' : `Highlights: ${highlights.join(', ')}.`,
    ].filter((part) => part !== '');
    const lines = [
      `**${nameOf(p)}**${by} — ${productFacts(p, input.currency)}.`,
      nameOf(p) === plainText(p.name) ? '' : `Full name: ${plainText(p.name)}.`,
      about.join(' '),
    ];
    return lines.filter((line) => line !== '').join('\n');
  });
  return [...blocks, nextStep(input.products)].join('\n\n');
}

/** A question about the products shown before, answered on what it asks about them. */
export function followUpAnswer(input: AnswerInput): string {
  const { products, currency } = input;
  const q = input.understanding.query;
  const [first] = products;
  if (first === undefined) return '';
  const superlative = SUPERLATIVE[sortOf(q, products)];
  const focus = focusOf(input.question);

  if (focus === 'stock') return stockAnswer(input);
  if (superlative !== undefined && products.length === 1 && focus !== 'compare') {
    const facts = productFacts(first, currency);
    return `Of those, the ${superlative} is the **${nameOf(first)}**${brandNote(first)} at ${facts}. ${nextStep(products)}`;
  }
  if (focus === 'compare' && products.length >= 2) {
    return [compareAnswer(products, currency), nextStep(products)].join('\n');
  }
  if (focus === 'price') {
    const lines = products.map((p) => {
      const stock = stockText(p);
      return `The **${nameOf(p)}** costs ${priceOf(p, currency)}${stock === '' ? '' : ` (${stock})`}.`;
    });
    return [...lines, nextStep(products)].join('\n');
  }
  if (focus === 'details' || products.length === 1) return detailsAnswer(input);
  const order = ORDER[sortOf(q, products)];
  return [
    `Here are the ones you asked about${order === undefined ? '' : ` (${order})`}:`,
    ...products.map((p, i) => productLine(p, currency, i)),
    nextStep(products),
  ].join('\n');
}

/** "The fifth one" after three products: say what was shown instead of guessing. */
export function nothingShownFits(input: AnswerInput): string {
  const shown = input.context.lastShown;
  const count = shown.length === 1 ? 'one product' : `${shown.length} products`;
  const lines = shown.map((p, i) => `${i + 1}. **${nameOf(p)}** — ${priceOf(p, input.currency)}`);
  return [
    `I only showed you ${count} last time, so I'm not sure which one you mean:`,
    ...lines,
    'Which one would you like to know about?',
  ].join('\n');
}

/** What the shopper can do next with one product or several. */
export function nextStep(products: readonly Product[]): string {
  return products.length === 1
    ? 'Want me to add it to your cart?'
    : 'Want more details on one of them, or shall I add one to your cart?';
}
