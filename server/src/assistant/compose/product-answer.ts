import type { Product } from '@aisle/shared';
import type { AnswerInput } from '../types';
import { budgetWords } from './budget-words';
import { type CatalogOutline, suggestedCategories } from './catalog-outline';
import { followUpAnswer, nothingShownFits } from './follow-up-answer';
import { notCarriedNotes, notCarriedSentence } from './not-carried';
import {
  describeQuery,
  differences,
  matchingText,
  ORDER,
  quotedText,
  SUPERLATIVE,
  sortOf,
  unknownStockNote,
  unratedNote,
} from './search-words';
import {
  categoryName,
  keyFact,
  listOf,
  nameOf,
  plainText,
  priceOf,
  productLine,
  ratingText,
  sameBrand,
  stockText,
} from './wording';

function preferredBrandsNote(
  products: readonly Product[],
  preferred: readonly string[] | undefined,
): string {
  if (preferred === undefined || preferred.length === 0 || products.length === 0) return '';
  const matching = products.filter((p) => preferred.some((b) => sameBrand(b, p.brand)));
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

function noProducts(input: AnswerInput, outline: CatalogOutline): string {
  const quoted = quotedText(input);
  const described = describeQuery(input);
  const asked =
    quoted !== '' ? `"${quoted}"` : described === 'products' ? 'products like that' : described;
  const lacking = notCarriedSentence(input);
  const lines = [lacking !== '' ? lacking : `Sorry, I couldn't find any ${asked} in our catalog.`];
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

/** The first line of an answer of alternatives: what was not found, and what follows. */
function alternativesIntro(input: AnswerInput): string {
  const lacking = notCarriedSentence(input);
  if (lacking !== '') {
    return `${lacking} The closest ${input.products.length === 1 ? 'alternative' : 'alternatives'} we have:`;
  }
  if (input.understanding.followUp) {
    return 'None of the products I showed you match that exactly. The closest:';
  }
  const asked = `${describeQuery(input)}${matchingText(input)}`;
  return `I couldn't find an exact match for ${asked === 'products' ? 'that' : asked}. Here are the closest alternatives:`;
}

function alternativesAnswer(input: AnswerInput): string {
  const intro = alternativesIntro(input);
  const lacking = notCarriedNotes(input);
  const lines = input.products.map((p, i) => {
    const notes = [...lacking, ...differences(p, input)];
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
