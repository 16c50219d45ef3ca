import type { Sort } from '@aisle/shared';

/** The order and the number of products a question asks for. */
export interface SortRequest {
  sort?: Sort;
  /** A superlative ("the cheapest", "highest rated") rather than a mere wish ("cheap"). */
  superlative: boolean;
  /** An explicit count: "top 3", "show me 5", "two options", "a few". */
  count?: number;
  /** The question with sort and count phrases replaced by spaces. */
  rest: string;
}

const SORT_PHRASES: ReadonlyArray<readonly [Sort, RegExp]> = [
  [
    'price_asc',
    /\b(?:cheapest|least\s+expensive|most\s+affordable|lowest[\s-]+pric(?:e|ed)|lowest\s+cost|cheaper(?:\s+ones?)?|less\s+expensive|lowest\s+price)\b/gi,
  ],
  [
    'price_desc',
    /\b(?:most\s+expensive|priciest|highest[\s-]+pric(?:e|ed)|pricier|more\s+expensive|premium|top[\s-]+of[\s-]+the[\s-]+line|high[\s-]+end|flagships?|luxury|best\s+money\s+can\s+buy)\b/gi,
  ],
  [
    'rating_desc',
    /\b(?:(?:best|highest|top|well|most\s+highly|highly)[\s-]+(?:rated|reviewed)|(?:best|highest|top|better)\s+(?:ratings?|reviews?)|most\s+popular|best|top)\b/gi,
  ],
];

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  dozen: 12,
};

const NUM = '(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|dozen)';
const COUNT_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\btop\\s+${NUM}\\b`, 'i'),
  new RegExp(
    `\\b(?:show|give|list|suggest|recommend|find|send)\\s+(?:me\\s+|us\\s+)?(?:the\\s+|your\\s+)?${NUM}\\b(?!\\s*(?:inch|gb|tb|k\\b))`,
    'i',
  ),
  new RegExp(
    // The number opens the question or follows a verb: "iphone 15 pro" names a model, not a count.
    `(?:^|(?<=\\b(?:me|the|us|get|want|need|see|any|list|compare|just|only|pick|your|with)\\s+))${NUM}\\s+(?:[a-z-]+\\s+){0,4}?(?:options?|choices?|products?|items?|models?|ones|suggestions?|picks?|results?|alternatives?|recommendations?|phones|smartphones|laptops|tablets|tvs|headphones|earbuds|cameras|watches|smartwatches|consoles|monitors|speakers|accessories|appliances|devices)\\b`,
    'i',
  ),
];
const FEW = /\b(?:a\s+few|a\s+couple(?:\s+of)?|a\s+handful(?:\s+of)?|several)\b/i;

function countOf(token: string): number | undefined {
  const n = NUMBER_WORDS[token.toLowerCase()] ?? Number(token);
  return Number.isInteger(n) && n >= 1 && n <= 20 ? n : undefined;
}

/**
 * Reads superlatives and sorts ("cheapest" -> price_asc, "top of the line" -> price_desc,
 * "best rated" -> rating_desc) and explicit counts. Run it after the budget is cut out.
 */
export function parseSort(text: string, cheapHint = false): SortRequest {
  let rest = text;
  let sort: Sort | undefined;
  let count: number | undefined;

  for (const re of COUNT_PATTERNS) {
    const m = re.exec(rest);
    const n = m?.[1] === undefined ? undefined : countOf(m[1]);
    if (m === null || n === undefined) continue;
    count = n;
    // Keep "top" so that "top 3" also reads as best rated; cut only the number.
    const numberAt = m.index + m[0].search(new RegExp(NUM, 'i'));
    rest = `${rest.slice(0, numberAt)} ${rest.slice(numberAt + (m[1]?.length ?? 0))}`;
    break;
  }
  if (count === undefined) {
    const few = FEW.exec(rest);
    if (few !== null) {
      count = /couple/i.test(few[0]) ? 2 : /handful/i.test(few[0]) ? 5 : 3;
      rest = rest.replace(FEW, ' ');
    }
  }

  for (const [candidate, re] of SORT_PHRASES) {
    if (new RegExp(re.source, 'i').test(rest)) {
      sort ??= candidate;
      rest = rest.replace(re, ' ');
    }
  }
  const superlative = sort !== undefined;
  if (sort === undefined && cheapHint) sort = 'price_asc';

  const result: SortRequest = { superlative, rest };
  if (sort !== undefined) result.sort = sort;
  if (count !== undefined) result.count = count;
  return result;
}
