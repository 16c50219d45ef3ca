/**
 * Splits text into word-sized chunks (each word with the whitespace before it) that
 * concatenate back to it exactly: how a whole answer is streamed as tokens.
 */
export const wordChunks = (text: string): string[] => text.match(/\s*\S+|\s+$/g) ?? [];
