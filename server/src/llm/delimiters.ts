/**
 * Data fences for prompts. Everything between a pair of these tags is data (catalog text,
 * documents, user text); the system prompt tells the model never to follow instructions in it.
 */
export const DATA_TAGS = [
  'user_question',
  'products',
  'not_carried',
  'documents',
  'preferences',
  'shown_products',
  'recent_conversation',
  'store_categories',
  'store_brands',
] as const;
export type DataTag = (typeof DATA_TAGS)[number];

// "</user_question>", "< /USER-QUESTION >", "<products attr=1", ...: separators and case vary.
const TAG_LOOKALIKE = new RegExp(
  `<\\s*/?\\s*(?:${DATA_TAGS.map((t) => t.replace(/_/g, '[\\s_-]*')).join('|')})\\b[^<>]*(?:>|$)`,
  'gi',
);
// Chat-template control tokens ("<|im_start|>", "<|endoftext|>") have no business in data either.
const CONTROL_TOKEN = /<\|[^<>|]{0,40}\|>/g;

/**
 * Removes fence look-alikes from untrusted text so it cannot close its block early or open a
 * fake one. NFKC first, so full-width "＜/user_question＞" is caught too.
 */
export function neutraliseDelimiters(text: string): string {
  return text.normalize('NFKC').replace(TAG_LOOKALIKE, ' ').replace(CONTROL_TOKEN, ' ');
}

/**
 * `value` as JSON inside `<tag>`, an array one item per line (readable, few tokens). `<` and `>`
 * are escaped as \u003c / \u003e, so the JSON cannot hold a tag.
 */
export function jsonBlock(tag: DataTag, value: unknown, attributes = ''): string {
  const raw =
    Array.isArray(value) && value.length > 0
      ? `[\n${value.map((v) => JSON.stringify(v)).join(',\n')}\n]`
      : JSON.stringify(value);
  const json = raw.replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `<${tag}${attributes ? ` ${attributes}` : ''}>\n${json}\n</${tag}>`;
}

/** Untrusted free text inside `<tag>`, with fence look-alikes removed. */
export function textBlock(tag: DataTag, text: string): string {
  return `<${tag}>\n${neutraliseDelimiters(text).trim()}\n</${tag}>`;
}
