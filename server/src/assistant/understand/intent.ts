import type { Intent } from '@aisle/shared';
import { extractTopics } from '../../text/topics';

const GREETING_OPENERS =
  /^(?:hi|hello|hey|hiya|howdy|greetings|yo|hola|heya|sup|good\s+(?:morning|afternoon|evening|day)|what'?s\s+up|thanks|thank\s+you|thx|cheers)\b/i;
// What may follow a greeting and still leave it a greeting.
const GREETING_FILLER =
  /\b(?:hi|hello|hey|hiya|howdy|greetings|yo|hola|heya|sup|good|morning|afternoon|evening|day|what'?s|up|there|all|everyone|folks|team|assistant|aisle|bot|friend|again|how\s+are\s+you(?:\s+doing)?|how'?s\s+it\s+going|nice\s+to\s+meet\s+you|who\s+are\s+you|what\s+can\s+you\s+do|thanks|thank\s+you|thx|cheers|a\s+lot|so\s+much|very\s+much|today)\b/gi;
const CAPABILITIES =
  /^(?:who\s+are\s+you|what\s+can\s+you\s+do|how\s+can\s+you\s+help|what\s+do\s+you\s+do|help)\s*[?!.]*$/i;

/** Policy topics answered from the knowledge base. Phrased to skip product words ("4k display"). */
export const FAQ_TOPICS: ReadonlyArray<readonly [topic: string, pattern: RegExp]> = [
  [
    'shipping',
    /\b(?:ship(?!\s+with)|ships(?!\s+with)|shipping|shipped|delivery|deliveries|delivered|dispatch(?:ed)?|courier|postage|express\s+(?:shipping|delivery)|next[\s-]day|overnight|international(?:ly)?\s+(?:shipping|delivery|order))\b/i,
  ],
  ['returns', /\b(?:return|returns|returning|returned|send\s+(?:it|them|this)\s+back)\b/i],
  ['refunds', /\b(?:refund|refunds|refunded|money\s+back|reimburse(?:ment)?)\b/i],
  [
    'warranty',
    /\b(?:warranty|warranties|guarantee|guaranteed|applecare|protection\s+plan|extended\s+(?:warranty|coverage|protection)|repairs?)\b/i,
  ],
  [
    'payment',
    /\b(?:payment|payments|pay\s+(?:with|by|in|using|via|for\s+it\s+(?:with|in))|can\s+i\s+pay|how\s+(?:do|can)\s+i\s+pay|paypal|apple\s+pay|google\s+pay|klarna|afterpay|installments?|instalments?|financing|finance|credit\s+cards?|debit\s+cards?|gift\s+cards?|accept\s+(?:visa|mastercard|amex|cards?|cash|crypto|bitcoin)|bitcoin|crypto)\b/i,
  ],
  [
    'hours',
    /\b(?:opening\s+hours|open(?:ing)?\s+times|store\s+hours|business\s+hours|hours\s+of\s+operation|when\s+(?:are|is)\s+(?:you|the\s+store|your\s+store|the\s+shop)\s+open|(?:are\s+you|is\s+the\s+store)\s+open|open\s+on\s+(?:sundays?|saturdays?|weekends?|holidays?)|what\s+time\s+do\s+you\s+(?:open|close)|clos(?:e|ing)\s+time)\b/i,
  ],
  [
    'contact',
    /\b(?:contact|customer\s+(?:service|support|care)|support\s+team|phone\s+number|call\s+you|email\s+you|talk\s+to\s+(?:a\s+)?(?:human|person|someone|agent)|live\s+chat|your\s+address|store\s+location|where\s+are\s+you\s+located|visit\s+(?:the|your)\s+store)\b/i,
  ],
  [
    'price-match',
    /\b(?:price[\s-]match(?:ing)?|match\s+(?:a|the|their|that|your\s+competitor'?s?)\s+price|beat\s+(?:a|the|their)\s+price|cheaper\s+(?:elsewhere|somewhere\s+else|at\s+another\s+store|on\s+amazon))\b/i,
  ],
  [
    'order-tracking',
    /\b(?:track\s+(?:my|an|the|your)\s+(?:order|package|parcel|delivery|shipment)|tracking\s+(?:number|info|information|link|code|page)|order\s+tracking|where\s+is\s+my\s+(?:order|package|parcel)|order\s+status|status\s+of\s+my\s+order|has\s+my\s+order|cancel\s+(?:my|an|the)\s+order|order\s+number)\b/i,
  ],
  [
    'exchanges',
    /\b(?:exchange|exchanges|swap\s+(?:it|my)|damaged|broken\s+on\s+arrival|arrived\s+(?:broken|damaged)|defective|faulty|doa|wrong\s+(?:item|product|size|colou?r))\b/i,
  ],
  [
    'services',
    /\b(?:gift[\s-]wrap(?:ping|ped)?|installation|install\s+(?:it|the)|assembly|set[\s-]?up\s+service|recycl(?:e|ing)|haul\s+away|personal\s+shopper|membership)\b/i,
  ],
  [
    'discounts',
    /\b(?:(?:student|military|senior|teacher|employee|nhs|first[\s-]time|loyalty)\s+discounts?|promo(?:tion)?\s+codes?|discount\s+codes?|coupons?|vouchers?|trade[\s-]in|loyalty\s+(?:program|points))\b/i,
  ],
];

const CART =
  /\b(?:cart|basket|checkout|check\s+out)\b|\b(?:add|put)\b[^.?!]{0,40}\b(?:cart|basket|bag)\b|\bi(?:'ll|\s+will|'d\s+like\s+to|\s+would\s+like\s+to)\s+(?:take|buy|get|order|purchase)\s+(?:it|that|this|them|those|these|one|the\s+\w+(?:\s+one)?)\b|\bi'?ll\s+take\b/i;
const BUY = /\b(?:buy|purchase|order|get)\s+(?:it|that|this|them|those|these|one)\b/i;
const HOW_TO_BUY =
  /\bhow\s+(?:do|can|would)\s+i\s+(?:place\s+an?\s+)?(?:order|buy|purchase|check\s*out|get\s+(?:it|one))\b|\bplace\s+an?\s+order\b|\b(?:i\s+want|i'?d\s+like)\s+to\s+(?:buy|order|purchase)\s*(?:it|that|this|one)?\s*[?.!]*$/i;

const OFF_TOPIC =
  /\b(?:weather|forecast|jokes?|funny|poems?|poetry|stories|story|songs?|lyrics|sports?|football|soccer|basketball|baseball|score|who\s+won|politics?|president|election|recipes?|cook(?:ing)?|capital\s+of|meaning\s+of\s+life|homework|translate|horoscope|write\s+(?:me\s+)?(?:an?\s+)?(?:essay|code|program|letter|email)|movies?|quantum|history|philosophy|religion|how\s+old\s+are\s+you|are\s+you\s+(?:human|real|alive|sentient)|your\s+favou?rite)\b/i;

const SHOPPING =
  /\b(?:price|prices|cost|costs|how\s+much|stock|available|availability|specs?|specifications?|features?|battery|storage|ram|memory|processor|cpu|gpu|resolution|screen|compare|comparison|vs|versus|difference|recommend|recommendation|suggest|suggestion|models?|options?|deals?|sale|discounted|new|newest|latest|gift|present|birthday|looking\s+for|searching\s+for|do\s+you\s+(?:have|sell|carry|stock)|sell|carry|buy|purchase|need|want|show|find|products?|items?|brands?|catalog(?:ue)?)\b/i;

/** Everything the intent decision looks at, worked out beforehand by the parser. */
export interface IntentSignals {
  /** A category, brand, budget, sort, count or in-stock filter was read from the question. */
  productSignals: boolean;
  /** The question points at products shown earlier. */
  followUp: boolean;
  /**
   * Whether the store sells the thing a policy phrase names ("gift card", "protection plan"):
   * the phrase then asks for a product, not for the policy.
   */
  sells?: (phrase: string) => boolean;
}

export function isGreeting(question: string): boolean {
  const q = question.trim();
  if (CAPABILITIES.test(q)) return true;
  if (!GREETING_OPENERS.test(q)) return false;
  return q.replace(GREETING_FILLER, ' ').replace(/[\s!?.,:;'"~\-)(*]+/g, '') === '';
}

/**
 * Topics of the policy questions a question raises, in table order. `sells`: a topic whose
 * phrase names something the store sells is not raised ("Can I buy a gift card?").
 */
export function faqTopics(question: string, sells?: (phrase: string) => boolean): string[] {
  return FAQ_TOPICS.filter(([, re]) => {
    const found = re.exec(question);
    return found !== null && !(sells?.(found[0]) ?? false);
  }).map(([topic]) => topic);
}

/**
 * greeting > faq > sales > product_inquiry > other. Policy words win over product words
 * ("warranty on the iPhone" is a policy question); cart words win over product words.
 */
export function classifyIntent(question: string, signals: IntentSignals): Intent {
  if (isGreeting(question)) return 'greeting';
  if (faqTopics(question, signals.sells).length > 0) return 'faq';
  if (CART.test(question) || HOW_TO_BUY.test(question)) return 'sales';
  if (BUY.test(question) && (signals.followUp || !signals.productSignals)) return 'sales';
  if (signals.productSignals || signals.followUp) return 'product_inquiry';
  if (OFF_TOPIC.test(question)) return 'other';
  if (SHOPPING.test(question)) return 'product_inquiry';
  // A bare noun ("drones?") is most likely a product; the answer says if we carry none.
  return extractTopics(question).length > 0 ? 'product_inquiry' : 'other';
}
