import { decode } from 'html-entities';

// Elements that end a line of text; everything else (span, b, a...) runs on inline.
const BLOCK_END =
  /<\s*(?:br\s*\/?|\/?(?:p|div|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|blockquote|pre|dd|dt))\b[^>]*>/gi;
const DROPPED = /<\s*(script|style|template|noscript)\b[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const TAG = /<\/?[a-zA-Z][^>]*>/g;

/**
 * A store's HTML body (Shopify `Body (HTML)`, Magento descriptions, feed descriptions) as plain
 * text: scripts, styles and comments dropped, block ends as line breaks, other tags removed,
 * entities decoded (`&#174;` -> ®, `&amp;` -> &), runs of spaces folded. Text without markup
 * passes through with only its entities decoded and spaces folded.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(DROPPED, ' ')
    .replace(COMMENT, ' ')
    .replace(BLOCK_END, '\n')
    .replace(TAG, ' ');
  return decode(text, { level: 'html5' })
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\r]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** A tag or an entity: only such text needs htmlToText ("Home&Kitchen" does not). */
const MARKUP = /<[a-zA-Z!/]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/;

export const hasMarkup = (text: string): boolean => MARKUP.test(text);
