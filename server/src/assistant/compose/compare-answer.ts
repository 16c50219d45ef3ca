import type { Product } from '@aisle/shared';
import {
  attributeLabel,
  attributesText,
  brandNote,
  facetsOf,
  formatRating,
  highlightsOf,
  keyFact,
  nameOf,
  plainText,
  priceOf,
  productFacts,
} from './wording';

/** The facet names every compared product has, so the comparison lines up. */
function sharedAttributes(products: readonly Product[]): string[] {
  const [first, ...rest] = products;
  if (first === undefined) return [];
  const named = new Set(facetsOf(first).map(([label]) => label));
  return Object.keys(first.attributes ?? {}).filter(
    (name) =>
      named.has(attributeLabel(name)) && rest.every((p) => p.attributes?.[name] !== undefined),
  );
}

function line(p: Product, currency: string, shared: readonly string[]): string {
  const facets =
    shared.length > 0
      ? shared
          .slice(0, 4)
          .map((name) => `${attributeLabel(name)}: ${plainText(p.attributes?.[name] ?? '')}`)
          .join('; ')
      : attributesText(p, 2);
  const tags = highlightsOf(p, 4).join(', ');
  const extras = [facets, tags].filter((x) => x !== '').join('; ');
  const fact = keyFact(p);
  return `- **${nameOf(p)}**${brandNote(p)}: ${productFacts(p, currency)}${extras === '' ? '' : `; ${extras}`}.${fact === '' ? '' : ` ${fact}`}`;
}

/** Sums up on price, and on rating only when the store rated at least two of them. */
function summary(products: readonly Product[], currency: string): string {
  const cheapest = products.reduce((a, b) => (b.price < a.price ? b : a));
  const price = priceOf(cheapest, currency);
  const rated = products.filter((p) => p.rating !== undefined);
  const best = rated.reduce<Product | undefined>(
    (a, b) => (a === undefined || (b.rating ?? 0) > (a.rating ?? 0) ? b : a),
    undefined,
  );
  if (best === undefined || rated.length < 2 || best.rating === undefined) {
    return `The **${nameOf(cheapest)}** is the cheapest at ${price}.`;
  }
  const rating = formatRating(best.rating);
  return cheapest === best
    ? `The **${nameOf(cheapest)}** is both the cheapest (${price}) and the best rated (${rating}).`
    : `The **${nameOf(cheapest)}** is the cheapest at ${price}, while the **${nameOf(best)}** has the best rating (${rating}).`;
}

/**
 * Several products side by side, on the fields they have: price always; rating, stock and
 * facets only where the store gave them (never "not rated" against "4.5/5").
 */
export function compareAnswer(products: readonly Product[], currency: string): string {
  const shared = sharedAttributes(products);
  return [
    'Here is how they compare:',
    ...products.map((p) => line(p, currency, shared)),
    summary(products, currency),
  ].join('\n');
}
