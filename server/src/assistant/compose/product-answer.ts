import type { Product, ProductQuery } from '@aisle/shared';
import type { AnswerInput } from '../types';
import { budgetWords } from './budget-words';
import { type CatalogOutline, suggestedCategories } from './catalog-outline';
import { compareAnswer } from './compare-answer';
import { focusOf } from './question-focus';
import {
  brandNote,
  categoryLabel,
  categoryName,
  descriptionText,
  isAvailable,
  keyFact,
  listOf,
  nameOf,
  plainText,
  priceOf,
  productFacts,
  productLine,
  ratingText,
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

/** A rating order means something only when the store rated the products shown. */
function sortOf(q: ProductQuery, products: readonly Product[]): ProductQuery['sort'] {
  if (q.sort === 'rating_desc' && !products.some((p) => p.rating !== undefined)) return 'relevance';
  return q.sort;
}

const folded = (text: string) =>
  plainText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The search words to quote back, only when the shopper wrote them so: understanding may
 * normalise them ("141 in" -> "141in", stop words dropped), and a quote must be the
 * shopper's own words.
 */
function quotedText(input: AnswerInput): string {
  const text = folded(input.understanding.query.text);
  if (text === '') return '';
  return ` ${folded(input.question)} `.includes(` ${text} `) ? text : '';
}

/** ' matching "usb cables"', or nothing. */
function matchingText(input: AnswerInput): string {
  const quoted = quotedText(input);
  return quoted === '' ? '' : ` matching "${quoted}"`;
}

/** Whether the store said anything about stock for the products of this answer. */
const stockKnown = (products: readonly Product[]): boolean =>
  products.some((p) => isAvailable(p) !== undefined);

/**
 * "smartphones from Samsung up to $300" — what was asked for, in words. "In stock" only when
 * the store gives stock: otherwise repeating it would read as a claim about these products.
 */
function describeQuery(input: AnswerInput, plural = true): string {
  const q = input.understanding.query;
  const parts = [
    q.category === undefined
      ? plural
        ? 'products'
        : 'product'
      : categoryLabel(q.category, plural),
  ];
  if (q.brands !== undefined && q.brands.length > 0) parts.push(`from ${listOf(q.brands, 'or')}`);
  const budget = budgetWords(input).text;
  if (budget !== '') parts.push(budget);
  if (q.inStockOnly === true && stockKnown(input.products)) parts.push('in stock');
  return parts.join(' ');
}

/** Why an alternative differs from what was asked for. */
function differences(p: Product, input: AnswerInput): string[] {
  const q = input.understanding.query;
  const budget = budgetWords(input);
  const notes: string[] = [];
  if (q.maxPrice !== undefined && p.price > q.maxPrice && budget.overLimit !== undefined)
    notes.push(budget.overLimit);
  if (q.minPrice !== undefined && p.price < q.minPrice && budget.underMinimum !== undefined)
    notes.push(budget.underMinimum);
  if (
    q.brands !== undefined &&
    q.brands.length > 0 &&
    !q.brands.some((b) => lower(b) === lower(p.brand))
  ) {
    notes.push(`not ${listOf(q.brands, 'or')}`);
  }
  if (
    q.category !== undefined &&
    lower(q.category) !== lower(p.category) &&
    !(p.category_path ?? []).some((c) => lower(c) === lower(q.category ?? ''))
  ) {
    notes.push(`from ${categoryName(p.category)}`);
  }
  if (q.inStockOnly === true && isAvailable(p) === false) notes.push('currently out of stock');
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
  const names = listOf(matching.map((p) => `**${nameOf(p)}**`));
  return matching.length === 1
    ? `${names} is from one of your preferred brands.`
    : `${names} are from your preferred brands.`;
}

function budgetNote(input: AnswerInput): string {
  const q = input.understanding.query;
  const { text: budget, stated } = budgetWords(input);
  if (budget === '' || !stated || input.products.length === 0) return '';
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

/** Asked for what is in stock, of products the store gives no stock for: say so. */
function unknownStockNote(input: AnswerInput): string {
  if (input.understanding.query.inStockOnly !== true || stockKnown(input.products)) return '';
  return input.products.length === 1
    ? "The store doesn't list stock for it, so I can't tell you its availability."
    : "The store doesn't list stock for these, so I can't tell you their availability.";
}

/** "I don't have ratings for these": said when asked to rank by a rating the store never gave. */
function unratedNote(input: AnswerInput): string {
  const q = input.understanding.query;
  return q.sort === 'rating_desc' && sortOf(q, input.products) !== 'rating_desc'
    ? "This store doesn't list ratings for these products, so I can't rank them by rating."
    : '';
}

function noProducts(input: AnswerInput, outline: CatalogOutline): string {
  const quoted = quotedText(input);
  const described = describeQuery(input);
  const asked =
    quoted !== '' ? `"${quoted}"` : described === 'products' ? 'products like that' : described;
  const lines = [`Sorry, I couldn't find any ${asked} in our catalog.`];
  const { related, names } = suggestedCategories(outline, input.question);
  const labels = names.map(categoryName);
  if (labels.length === 0) {
    lines.push('Try another product type, brand or budget and I will look again.');
  } else if (related) {
    lines.push(
      `You might find something close in ${listOf(labels, 'or')} — want me to look there?`,
    );
  } else {
    lines.push(`We carry ${listOf(labels)} — want me to show you some of those?`);
  }
  return lines.join(' ');
}

function alternativesAnswer(input: AnswerInput): string {
  const asked = `${describeQuery(input)}${matchingText(input)}`;
  const intro = input.understanding.followUp
    ? 'None of the products I showed you match that exactly. The closest:'
    : `I couldn't find an exact match for ${asked === 'products' ? 'that' : asked}. Here are the closest alternatives:`;
  const lines = input.products.map((p, i) => {
    const notes = differences(p, input);
    return productLine(p, input.currency, i, notes.length > 0 ? ` (${notes.join(', ')})` : '');
  });
  const stock = unknownStockNote(input);
  return [
    intro,
    ...lines,
    ...(stock === '' ? [] : [stock]),
    'Want me to adjust the search — a different budget, brand or category?',
  ].join('\n');
}

/** "Is it in stock?": the store's own words for each product, or that it gave none. */
function stockAnswer(input: AnswerInput): string {
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
function detailsAnswer(input: AnswerInput): string {
  const blocks = input.products.map((p) => {
    const by = plainText(p.brand) === '' ? '' : ` by ${plainText(p.brand)}`;
    const attributes = Object.entries(p.attributes ?? {})
      .map(([k, v]) => `${plainText(k)}: ${plainText(v)}`)
      .join('; ');
    const extras = [
      attributes === '' ? '' : ` Details: ${attributes}.`,
      p.tags.length > 0 ? ` Highlights: ${p.tags.map(plainText).join(', ')}.` : '',
    ].join('');
    const full = nameOf(p) === plainText(p.name) ? '' : `\nFull name: ${plainText(p.name)}.`;
    return `**${nameOf(p)}**${by} — ${productFacts(p, input.currency)}.${full}\n${descriptionText(p)}${extras}`.trim();
  });
  return [...blocks, nextStep(input.products)].join('\n\n');
}

function followUpAnswer(input: AnswerInput): string {
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

function nextStep(products: readonly Product[]): string {
  return products.length === 1
    ? 'Want me to add it to your cart?'
    : 'Want more details on one of them, or shall I add one to your cart?';
}

/** "The cheapest X we have is ...": one product answering a singular superlative. */
function singleBest(input: AnswerInput, superlative: string, first: Product): string {
  const what = describeQuery(input, false);
  const rest = [ratingText(first), stockText(first)].filter((f) => f !== '');
  const fact = keyFact(first);
  const brand = plainText(first.brand);
  const by = brand === '' ? '' : ` by ${brand}`;
  return `The ${superlative} ${what} we have is the **${nameOf(first)}**${by} at ${priceOf(first, input.currency)}${rest.length > 0 ? ` — ${listOf(rest)}` : ''}.${fact === '' ? '' : ` ${fact}`}`;
}

function listAnswer(input: AnswerInput): string {
  const { products, currency } = input;
  const q = input.understanding.query;
  const [first] = products;
  if (first === undefined) return '';
  const sort = sortOf(q, products);
  const superlative = SUPERLATIVE[sort];
  const lines: string[] = [];

  if (products.length === 1 && q.limit === 1 && superlative !== undefined) {
    lines.push(singleBest(input, superlative, first));
  } else {
    const order = ORDER[sort];
    const matching = matchingText(input);
    const count = products.length === 1 ? 'one' : String(products.length);
    const what = describeQuery(input, products.length !== 1);
    lines.push(
      `Here ${products.length === 1 ? 'is' : 'are'} ${count} ${what}${matching}${order === undefined ? '' : ` (${order})`}:`,
    );
    products.forEach((p, i) => {
      lines.push(productLine(p, currency, i));
    });
  }
  const notes = [
    unknownStockNote(input),
    unratedNote(input),
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
export function productAnswer(input: AnswerInput, outline: CatalogOutline): string {
  if (
    input.products.length === 0 &&
    input.understanding.followUp &&
    input.context.lastShown.length > 0
  ) {
    return nothingShownFits(input);
  }
  if (input.products.length === 0) return noProducts(input, outline);
  if (input.alternatives) return alternativesAnswer(input);
  if (input.understanding.followUp) return followUpAnswer(input);
  return listAnswer(input);
}
