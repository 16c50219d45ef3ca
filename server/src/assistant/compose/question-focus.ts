/** What a follow-up question wants to know about the products it points at. */
export type QuestionFocus = 'stock' | 'compare' | 'price' | 'details' | 'list';

const FOCUSES: ReadonlyArray<readonly [QuestionFocus, RegExp]> = [
  ['stock', /\b(?:in[\s-]stock|stock|available|availability|sold\s+out|left)\b/i],
  [
    'compare',
    /\b(?:compare|comparison|difference|differences|vs\.?|versus|better|which\s+(?:one\s+)?should\s+i)\b/i,
  ],
  ['price', /\b(?:how\s+much|price|cost|costs)\b/i],
  [
    'details',
    /\b(?:more|details?|tell\s+me|about|specs?|specifications?|describe|features?|what\s+(?:is|does)|info(?:rmation)?)\b/i,
  ],
];

export function focusOf(question: string): QuestionFocus {
  return FOCUSES.find(([, re]) => re.test(question))?.[0] ?? 'list';
}
