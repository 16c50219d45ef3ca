import { type AdminEvent, field } from './types';

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const integer = new Intl.NumberFormat('en-US');

export const formatMoney = (amount: number): string => money.format(amount);
export const formatCount = (n: number): string => integer.format(n);
export const formatPercent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

/** HH:MM:SS in the viewer's time zone. */
export const clockTime = (at: string | number): string =>
  new Date(at).toLocaleTimeString('en-GB', { hour12: false });

/** HH:MM, for chart axes. */
export const minuteLabel = (at: number): string =>
  new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });

export const shortId = (id: string): string => id.slice(0, 8);

export const plural = (n: number, word: string): string =>
  `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** Answers are Markdown; the feed shows them as plain text. */
const plainText = (text: string): string => text.replace(/\*\*|__|`/g, '');

/** One line about an event, for the raw feed. */
export function describeEvent(e: AdminEvent): string {
  const d = e.data;
  switch (e.type) {
    case 'message.added': {
      const who = d.role === 'user' ? 'Shopper' : 'Assistant';
      const cached = d.cached === true ? ' (cached)' : '';
      return `${who}${cached}: ${plainText(field.string(d, 'preview') ?? '')}`;
    }
    case 'cart.updated': {
      const sku = field.string(d, 'sku');
      const items = field.number(d, 'item_count') ?? 0;
      const subtotal = field.number(d, 'subtotal') ?? 0;
      const what = `${field.string(d, 'action') ?? 'update'}${sku ? ` ${sku}` : ''}`;
      return `${what} · ${plural(items, 'item')} · ${formatMoney(subtotal)}`;
    }
    case 'cache.hit':
      return `Answered from cache: ${field.string(d, 'question') ?? ''}`;
    case 'preferences.updated': {
      const prefs = d.preferences;
      const keys = prefs && typeof prefs === 'object' ? Object.keys(prefs) : [];
      return keys.length > 0 ? `Preferences: ${keys.join(', ')}` : 'Preferences updated';
    }
    case 'session.created':
      return 'New session';
    case 'session.deleted':
      return 'Session deleted';
    case 'session.expired':
      return 'Session expired';
    default:
      return JSON.stringify(d).slice(0, 120);
  }
}
