import { normalizeText } from './normalize-text';

/** Heuristic screening for prompt-injection attempts; a flag for the caller, not a verdict. */
export interface InjectionCheck {
  suspicious: boolean;
  /** Names of the patterns that matched, in table order. */
  patterns: string[];
}

const INSTRUCTION_WORDS =
  '(?:instructions?|prompts?|rules|directions|directives|guidelines|commands)';

// Each pattern is phrased narrowly enough that ordinary shopping questions
// ("can this tablet act as a second monitor?", "ignore the price") pass.
const PATTERNS: ReadonlyArray<readonly [name: string, pattern: RegExp]> = [
  [
    'ignore_previous_instructions',
    new RegExp(
      `\\b(?:ignore|disregard|forget|override|bypass|skip)\\b[^.!?\\n]{0,40}?\\b(?:previous|prior|above|earlier|preceding|all|any|your|the|these|those|system)\\s+(?:\\w+\\s+){0,2}?${INSTRUCTION_WORDS}\\b`,
      'i',
    ),
  ],
  [
    'disregard_above',
    /\b(?:disregard|ignore|forget)\s+(?:everything\s+|all\s+|anything\s+)?(?:(?:that\s+)?(?:was\s+)?(?:said|written)\s+)?(?:the\s+)?(?:above|before|prior|previously|earlier)\b/i,
  ],
  [
    'role_override',
    /\b(?:you\s+are|you're)\s+now\s+(?:an?|the|my|called|named|no\s+longer|free|unrestricted|dan|going\s+to|allowed|in\s+(?:developer|god|admin)\s+mode)\b|\bfrom\s+now\s+on,?\s+you\s+(?:are|will|must|should|shall)\b/i,
  ],
  ['system_prompt', /\bsystem\s+(?:prompt|message|instructions?)\b/i],
  [
    'reveal_instructions',
    /\b(?:reveal|show|print|repeat|tell\s+me|output|display|leak|dump|what\s+(?:are|were|is))\b[^.!?\n]{0,30}?\b(?:your|the\s+(?:initial|hidden|original|secret|developer))\s+(?:(?:initial|hidden|original|secret|internal)\s+)?(?:instructions?|prompts?|directives|programming|configuration)\b/i,
  ],
  [
    'act_as',
    /(?:^|[.!?\n]\s*|\b(?:please|now|you\s+(?:will|must|should|shall|can|could)|i\s+want\s+you\s+to|i\s+need\s+you\s+to)\s+)act\s+as\b/i,
  ],
  [
    'pretend',
    /\b(?:pretend\s+(?:to\s+be|you\s+are|you're)|role-?play\s+as|simulate\s+being|impersonate)\b/i,
  ],
  ['jailbreak', /\bjail\s?-?break(?:s|ing|ed)?\b/i],
  ['dan', /\bDAN\b|\b[Dd]o\s+[Aa]nything\s+[Nn]ow\b/],
  ['developer_mode', /\b(?:developer|god|admin|debug|unrestricted)\s+mode\b/i],
  ['new_instructions', /\b(?:new|updated|real)\s+instructions?\s*:/i],
  [
    'role_tag',
    /<\|\s*(?:im_start|im_end|system|endoftext|assistant|user)\s*\|>|<\/?\s*(?:system|sys)\s*>|\[\/?(?:INST|SYS)\]|<<\s*\/?SYS\s*>>|^\s*#{2,}\s*(?:system|assistant|instruction|instructions|user)\s*:?|^\s*(?:system|assistant)\s*:/im,
  ],
];

/**
 * Flags common prompt-injection phrasings and chat-template role tags, read after
 * normalizeText so `i\u200bgnore` or full-width `ｉｇｎｏｒｅ` is read as `ignore`.
 */
export function detectPromptInjection(text: string): InjectionCheck {
  const normal = normalizeText(text);
  const patterns = PATTERNS.filter(([, re]) => re.test(normal)).map(([name]) => name);
  return { suspicious: patterns.length > 0, patterns };
}
