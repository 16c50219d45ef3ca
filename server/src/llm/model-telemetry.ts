import type { AnswerProvider } from '../assistant/types';
import type { ModelKind, ModelMetrics } from '../metrics/model-metrics';
import type { SpanHandle, Tracing } from '../tracing';

export type { ModelKind } from '../metrics/model-metrics';

/** One model call in progress: tokens as they become known, then its end (exactly once). */
export interface ModelCall {
  usage(prompt: number, completion: number): void;
  /** With the error when the call failed; without one when it succeeded or the caller left. */
  end(error?: unknown): void;
}

/** What a provider reports its model calls to (metrics, and a span when tracing is on). */
export interface ModelTelemetry {
  start(kind: ModelKind): ModelCall;
}

export interface ModelTelemetryOptions {
  metrics: ModelMetrics;
  tracing?: Tracing | undefined;
  provider: AnswerProvider['name'];
  model: string;
}

/**
 * Calls, latency, errors and tokens by provider, model and kind; spans named as the GenAI
 * semantic conventions name them (`chat <model>`), under the request that caused the call.
 */
export function createModelTelemetry(opts: ModelTelemetryOptions): ModelTelemetry {
  const { provider, model } = opts;
  const series = {
    understand: opts.metrics.series({ provider, model, kind: 'understand' }),
    answer: opts.metrics.series({ provider, model, kind: 'answer' }),
  };
  const kind = provider === 'openai' ? 'client' : 'internal';
  return {
    start(callKind) {
      const span = opts.tracing?.child(`chat ${model}`, kind, {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': provider,
        'gen_ai.request.model': model,
        'aisle.model.kind': callKind,
      });
      return new Call(series[callKind], span);
    },
  };
}

class Call implements ModelCall {
  private readonly started = performance.now();
  private prompt = 0;
  private completion = 0;
  private ended = false;

  constructor(
    private readonly series: ReturnType<ModelMetrics['series']>,
    private readonly span: SpanHandle | undefined,
  ) {}

  usage(prompt: number, completion: number): void {
    this.prompt += prompt;
    this.completion += completion;
  }

  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.series.called((performance.now() - this.started) / 1000, error !== undefined);
    this.series.tokens(this.prompt, this.completion);
    if (!this.span) return;
    this.span.setAttributes({
      'gen_ai.usage.input_tokens': this.prompt,
      'gen_ai.usage.output_tokens': this.completion,
    });
    if (error !== undefined) this.span.fail(error);
    this.span.end();
  }
}

/**
 * A provider whose every call is a model call (the built-in local responder): each
 * understand and each answer stream is reported whole. The OpenAI provider reports from
 * inside instead, where it knows which calls reach the model and what they used.
 */
export function instrumentProvider(
  provider: AnswerProvider,
  telemetry: ModelTelemetry,
): AnswerProvider {
  return {
    name: provider.name,
    async understand(question, context, signal) {
      const call = telemetry.start('understand');
      try {
        const understanding = await provider.understand(question, context, signal);
        call.end();
        return understanding;
      } catch (error) {
        call.end(signal?.aborted ? undefined : error);
        throw error;
      }
    },
    async *answer(input, signal) {
      const call = telemetry.start('answer');
      try {
        yield* provider.answer(input, signal);
      } catch (error) {
        call.end(signal?.aborted ? undefined : error);
        throw error;
      } finally {
        call.end();
      }
    },
  };
}
