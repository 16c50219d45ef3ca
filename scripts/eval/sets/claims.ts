/**
 * Answer-text patterns for facts a store's file does not hold, used as `saysNot` where a
 * question invites one (the runner's audit checks every turn too; these make the turn's own
 * expectation explicit). A sentence saying the answer does not know is not matched.
 */

/** A stock count or verdict ("3 left", "is out of stock", "sold out"). */
export const STOCK_CLAIMS = [
  /\b\d+\s+(in stock|left|available|units?)\b/i,
  /\b(is|are|currently) out of stock\b/i,
  /\bsold out\b/i,
];

/** A rating figure ("rated 4", "4.5/5", "4 stars", "★"). */
export const RATING_CLAIMS = [/\brated\s+\d/i, /\b\d(\.\d)?\s*(\/\s*5|out of 5|stars?)\b/i, /★/];
