import { styleText } from 'node:util';
import type { Cart, ChatMessage, ProductCard } from '@aisle/shared';

/** A price in the currency the store gave; a bare number when the store named none. */
export function money(amount: number, currency?: string): string {
  if (!currency) return amount.toLocaleString('en-US', { maximumFractionDigits: 2 });
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
  } catch {
    // An unknown code still shows the store's own label rather than a guessed symbol.
    return `${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${currency}`;
  }
}

/** A product card names its currency only when the store gave one per item: else the catalog's. */
export const productLine = (p: ProductCard, catalogCurrency?: string): string =>
  `  ${styleText('bold', p.name)}  ${styleText('green', money(p.price, p.currency ?? catalogCurrency))}  ${styleText('dim', `sku ${p.sku}`)}`;

/** Cart lines carry no currency, so the chat passes the one it knows for each sku. */
export function cartLines(cart: Cart, currencyOf: (sku: string) => string | undefined): string[] {
  if (cart.items.length === 0) return ['Your cart is empty.'];
  const currencies = new Set(cart.items.map((i) => currencyOf(i.sku)));
  const shared = currencies.size === 1 ? [...currencies][0] : undefined;
  return [
    ...cart.items.map(
      (i) =>
        `  ${i.quantity} x ${i.name}  ${money(i.price, currencyOf(i.sku))}  ${styleText('dim', `sku ${i.sku}`)}`,
    ),
    `  ${styleText('bold', 'subtotal')} ${money(cart.subtotal, shared)} (${cart.item_count} ${cart.item_count === 1 ? 'item' : 'items'})`,
  ];
}

export const historyLine = (m: ChatMessage): string => {
  const text = m.content.replace(/\s+/g, ' ');
  const short = text.length > 110 ? `${text.slice(0, 107)}...` : text;
  return m.role === 'user'
    ? styleText('cyan', `  you> ${short}`)
    : styleText('dim', `  ${m.role}> ${short}`);
};

export const HELP = [
  'Ask anything about the store, or:',
  '  /cart                      show your cart',
  '  /add <sku> [qty]           add a product to the cart',
  '  /prefs budget 500-1000     set a budget (also: /prefs brands Apple,Samsung  /prefs device laptop)',
  '  /session                   show the session id',
  '  /help                      this help',
  '  /quit                      leave (the session is kept for next time)',
];
