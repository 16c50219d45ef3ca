import type { Product, ProductQuery } from '@aisle/shared';
import type { AnswerInput } from '../types';
import type { CatalogVocabulary } from '../understand/vocabulary';
import { focusOf } from './question-focus';
import {
  budgetText,
  categoryLabel,
  featuredCategories,
  formatPrice,
  formatRating,
  keyFact,
  listOf,
  productLine,
  stockText,
} from './wording';

const SUPERLATIVE: Readonly<Record<string, string>> = {
  price_asc: 'cheapest',
  price_desc: 'most expensive',
  rating_desc: 'highest rated',
};
const ORDER: Readonly<Record<string, string>> = {
  price_asc: 'cheapest first',
  price_desc: 'most expensive first',
  rating_desc: 'highest rated first',
};

const lower = (s: string) => s.toLowerCase();

/** "smartphones from Samsung up to $300" — what was asked for, in words. */
function describeQuery(q: ProductQuery, plural = true): string {
  const parts = [
    q.category === undefined
      ? plural
        ? 'products'
        : 'product'
      : categoryLabel(q.category, plural),
  ];
  if (q.brands !== undefined && q.brands.length > 0) parts.push(`from ${listOf(q.brands, 'or')}`);
  const budget = budgetText(q);
  if (budget !== '') parts.push(budget);
  if (q.inStockOnly === true) parts.push('in stock');
  return parts.join(' ');
}

/** Why an alternative differs from what was asked for. */
function differences(p: Product, q: ProductQuery): string[] {
  const notes: string[] = [];
  if (q.maxPrice !== undefined && p.price > q.maxPrice)
    notes.push(`above your ${formatPrice(q.maxPrice)} limit`);
  if (q.minPrice !== undefined && p.price < q.minPrice)
    notes.push(`below your ${formatPrice(q.minPrice)} minimum`);
  if (
    q.brands !== undefined &&
    q.brands.length > 0 &&
    !q.brands.some((b) => lower(b) === lower(p.brand))
  ) {
    notes.push(`not ${listOf(q.brands, 'or')}`);
  }
  if (q.category !== undefined && lower(q.category) !== lower(p.category)) {
    notes.push(`a ${categoryLabel(p.category, false)}`);
  }
  if (q.inStockOnly === true && p.stock === 0) notes.push('currently out of stock');
  return notes;
}

function preferredBrandsNote(
  products: readonly Product[],
  preferred: readonly string[] | undefined,
): string {
  if (preferred === undefined || preferred.length === 0 || products.length === 0) return '';
  const wanted = new Set(preferred.map(lower));
  const matching = products.filter((p) => wanted.has(lower(p.brand)));
  if (matching.length === 0) {
    return `None of these are from your preferred brands (${listOf(preferred)}); they were the best matches for the question.`;
  }
  const names = listOf(matching.map((p) => `**${p.name}**`));
  return matching.length === 1
    ? `${names} is from one of your preferred brands.`
    : `${names} are from your preferred brands.`;
}

function budgetNote(input: AnswerInput): string {
  const q = input.understanding.query;
  const budget = budgetText(q);
  if (budget === '' || input.products.length === 0) return '';
  const saved = input.understanding.fromPreferences?.price === true;
  const fits = input.products.every(
    (p) =>
      (q.minPrice === undefined || p.price >= q.minPrice) &&
      (q.maxPrice === undefined || p.price <= q.maxPrice),
  );
  if (!fits) return '';
  const subject = input.products.length === 1 ? 'It fits' : 'All of them fit';
  return `${subject} ${saved ? 'your saved budget' : 'your budget'} (${budget}).`;
}

function noProducts(input: AnswerInput, vocabulary: CatalogVocabulary): string {
  const q = input.understanding.query;
  const asked = q.text !== '' ? `"${q.text}"` : describeQuery(q);
  const lines = [`Sorry, I couldn't find any ${asked} in our catalog.`];
  if (vocabulary.categories.length > 0) {
    lines.push(
      `We carry ${listOf(featuredCategories(vocabulary.categories).map((c) => categoryLabel(c)))} — want me to show you some of those?`,
    );
  } else {
    lines.push('Try another product type, brand or budget and I will look again.');
  }
  return lines.join(' ');
}

function alternativesAnswer(input: AnswerInput): string {
  const q = input.understanding.query;
  const intro = input.understanding.followUp
    ? 'None of the products I showed you match that exactly. The closest:'
    : `I couldn't find an exact match for ${describeQuery(q)}${q.text === '' ? '' : ` matching "${q.text}"`}. Here are the closest alternatives:`;
  const lines = input.products.map((p, i) => {
    const notes = differences(p, q);
    return productLine(p, i, notes.length > 0 ? ` (${notes.join(', ')})` : '');
  });
  return [
    intro,
    ...lines,
    'Want me to adjust the search — a different budget, brand or category?',
  ].join('\n');
}

function followUpAnswer(input: AnswerInput): string {
  const { products } = input;
  const q = input.understanding.query;
  const [first] = products;
  if (first === undefined) return '';
  const superlative = SUPERLATIVE[q.sort];
  const focus = focusOf(input.question);

  if (focus === 'stock') {
    const lines = products.map((p) =>
      p.stock === undefined
        ? `The store doesn't list stock for the **${p.name}** (${formatPrice(p.price)}).`
        : p.stock > 0
          ? `Yes — the **${p.name}** is ${stockText(p)} at ${formatPrice(p.price)}.`
          : `The **${p.name}** is currently out of stock.`,
    );
    return [...lines, nextStep(products)].join('\n');
  }
  if (superlative !== undefined && products.length === 1 && focus !== 'compare') {
    const detail =
      q.sort === 'rating_desc'
        ? `with a rating of ${formatRating(first.rating)}, at ${formatPrice(first.price)}`
        : `at ${formatPrice(first.price)}, rated ${formatRating(first.rating)}`;
    return `Of those, the ${superlative} is the **${first.name}** (${first.brand}) ${detail}; it is ${stockText(first)}. ${nextStep(products)}`;
  }
  if (focus === 'compare' && products.length >= 2) {
    const cheapest = products.reduce((a, b) => (b.price < a.price ? b : a));
    const best = products.reduce((a, b) => ((b.rating ?? -1) > (a.rating ?? -1) ? b : a));
    const lines = products.map((p) => {
      const tags = p.tags.slice(0, 4).join(', ');
      return `- **${p.name}** (${p.brand}): ${formatPrice(p.price)}, rated ${formatRating(p.rating)}, ${stockText(p)}${tags === '' ? '' : `; ${tags}`}. ${keyFact(p)}`;
    });
    const summary =
      cheapest === best
        ? `The **${cheapest.name}** is both the cheapest (${formatPrice(cheapest.price)}) and the best rated (${formatRating(best.rating)}).`
        : `The **${cheapest.name}** is the cheapest at ${formatPrice(cheapest.price)}, while the **${best.name}** has the best rating (${formatRating(best.rating)}).`;
    return ['Here is how they compare:', ...lines, summary, nextStep(products)].join('\n');
  }
  if (focus === 'price') {
    const lines = products.map(
      (p) => `The **${p.name}** costs ${formatPrice(p.price)} (${stockText(p)}).`,
    );
    return [...lines, nextStep(products)].join('\n');
  }
  if (focus === 'details' || products.length === 1) {
    const blocks = products.map((p) => {
      const tags = p.tags.length > 0 ? ` Highlights: ${p.tags.join(', ')}.` : '';
      return `**${p.name}** by ${p.brand} — ${formatPrice(p.price)}, rated ${formatRating(p.rating)}, ${stockText(p)}.\n${p.description.trim()}${tags}`;
    });
    return [...blocks, nextStep(products)].join('\n\n');
  }
  const order = ORDER[q.sort];
  return [
    `Here are the ones you asked about${order === undefined ? '' : ` (${order})`}:`,
    ...products.map((p, i) => productLine(p, i)),
    nextStep(products),
  ].join('\n');
}

/** "The fifth one" after three products: say what was shown instead of guessing. */
export function nothingShownFits(input: AnswerInput): string {
  const shown = input.context.lastShown;
  const count = shown.length === 1 ? 'one product' : `${shown.length} products`;
  const lines = shown.map((p, i) => `${i + 1}. **${p.name}** — ${formatPrice(p.price)}`);
  return [
    `I only showed you ${count} last time, so I'm not sure which one you mean:`,
    ...lines,
    'Which one would you like to know about?',
  ].join('\n');
}

function nextStep(products: readonly Product[]): string {
  return products.length === 1
    ? 'Want me to add it to your cart?'
    : 'Want more details on one of them, or shall I add one to your cart?';
}

function listAnswer(input: AnswerInput): string {
  const { products } = input;
  const q = input.understanding.query;
  const [first] = products;
  if (first === undefined) return '';
  const superlative = SUPERLATIVE[q.sort];
  const lines: string[] = [];

  if (products.length === 1 && q.limit === 1 && superlative !== undefined) {
    const what = describeQuery(q, false);
    lines.push(
      `The ${superlative} ${what} we have is the **${first.name}** by ${first.brand} at ${formatPrice(first.price)} — rated ${formatRating(first.rating)} and ${stockText(first)}. ${keyFact(first)}`,
    );
  } else {
    const order = ORDER[q.sort];
    const matching = q.text === '' ? '' : ` matching "${q.text}"`;
    const count = products.length === 1 ? 'one' : String(products.length);
    const what = describeQuery(q, products.length !== 1);
    lines.push(
      `Here ${products.length === 1 ? 'is' : 'are'} ${count} ${what}${matching}${order === undefined ? '' : ` (${order})`}:`,
    );
    products.forEach((p, i) => {
      lines.push(productLine(p, i));
    });
  }
  const notes = [
    budgetNote(input),
    preferredBrandsNote(products, input.context.preferences.preferred_brands),
  ]
    .filter((n) => n !== '')
    .join(' ');
  if (notes !== '') lines.push(notes);
  lines.push(
    products.length === 1
      ? 'Want me to add it to your cart, or show you a few alternatives?'
      : 'Want me to compare any of these, or add one to your cart?',
  );
  return lines.join('\n');
}

/** The answer to a product question, built only from the products retrieval returned. */
export function productAnswer(input: AnswerInput, vocabulary: CatalogVocabulary): string {
  if (
    input.products.length === 0 &&
    input.understanding.followUp &&
    input.context.lastShown.length > 0
  ) {
    return nothingShownFits(input);
  }
  if (input.products.length === 0) return noProducts(input, vocabulary);
  if (input.alternatives) return alternativesAnswer(input);
  if (input.understanding.followUp) return followUpAnswer(input);
  return listAnswer(input);
}
