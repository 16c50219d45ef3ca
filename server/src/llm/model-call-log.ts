import type { Logger } from '../logger';

/** What a model call's debug line tells: which call, how long, how many tokens, how it ended. */
export interface ModelCall {
  call: 'understand' | 'answer';
  model: string;
  started: number;
  outcome: 'ok' | 'error' | 'aborted' | 'fallback';
  /** As the server reported them, when it did (function calls report usage). */
  usage?: { input_tokens?: number; output_tokens?: number } | undefined;
  /** Answer streams report no usage (streamUsage is off): the output counted locally. */
  outputTokensCounted?: number | undefined;
}

export function logModelCall(log: Logger | undefined, call: ModelCall): void {
  if (!log?.enabled('debug')) return;
  log.debug('model call', {
    provider: 'openai',
    call: call.call,
    model: call.model,
    outcome: call.outcome,
    duration_ms: Math.round(performance.now() - call.started),
    input_tokens: call.usage?.input_tokens,
    output_tokens: call.usage?.output_tokens ?? call.outputTokensCounted,
  });
}
