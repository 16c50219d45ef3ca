import type { ChatMetadata, ProductCard, QueryStreamEvent } from '@aisle/shared';
import { isTrackedEnvelope } from '@trpc/server';
import { createUIMessageStream, type UIMessage, type UIMessageStreamWriter } from 'ai';
import { publicError } from '../../error-map';

/** The UI message type the chat endpoint speaks: products as the `data-products` part. */
export type ShoppingUIMessage = UIMessage<ChatMetadata, { products: ProductCard[] }>;

type Writer = UIMessageStreamWriter<ShoppingUIMessage>;

const TEXT_ID = 'answer';

function unwrap(value: unknown): QueryStreamEvent {
  return (isTrackedEnvelope(value) ? value[1] : value) as QueryStreamEvent;
}

/** Writes one answer event as UI message chunks; `text` tracks whether the text part is open. */
function writeEvent(
  writer: Writer,
  event: QueryStreamEvent,
  state: { text: boolean },
  token?: string,
) {
  switch (event.type) {
    case 'meta': {
      const { session_id, intent, products, alternatives, not_carried } = event;
      writer.write({
        type: 'start',
        messageMetadata: {
          session_id,
          intent,
          ...(token ? { session_token: token } : {}),
          ...(alternatives ? { alternatives } : {}),
          ...(not_carried ? { not_carried } : {}),
        },
      });
      // Before any text: the cards can be drawn while the answer is still being written.
      writer.write({ type: 'data-products', id: 'products', data: products });
      return;
    }
    case 'token':
      if (!state.text) writer.write({ type: 'text-start', id: TEXT_ID });
      state.text = true;
      writer.write({ type: 'text-delta', id: TEXT_ID, delta: event.text });
      return;
    case 'done':
      // A cached answer may arrive whole, with no tokens before it.
      if (!state.text && event.answer !== '') {
        writer.write({ type: 'text-start', id: TEXT_ID });
        writer.write({ type: 'text-delta', id: TEXT_ID, delta: event.answer });
        state.text = true;
      }
      if (state.text) writer.write({ type: 'text-end', id: TEXT_ID });
      writer.write({
        type: 'finish',
        finishReason: event.interrupted ? 'other' : 'stop',
        messageMetadata: {
          session_id: event.session_id,
          intent: event.intent,
          cached: event.cached,
          sources: event.sources,
          ...(event.interrupted ? { interrupted: true } : {}),
        },
      });
      return;
  }
}

/**
 * The answer stream as a UI message stream (`ai`'s own writer and SSE framing): `start` with
 * the session and intent as metadata, `data-products`, `text-start` / `text-delta`... /
 * `text-end`, `finish`; a failure after the first event becomes an `error` chunk. The first
 * event is read by the caller, so a request that fails at once still gets its HTTP status.
 */
export function uiMessageStream(
  first: IteratorResult<unknown>,
  rest: AsyncIterator<unknown>,
  signal: AbortSignal,
  createdToken: string | undefined,
) {
  return createUIMessageStream<ShoppingUIMessage>({
    execute: async ({ writer }) => {
      const state = { text: false };
      try {
        let step = first;
        while (!step.done && !signal.aborted) {
          writeEvent(writer, unwrap(step.value), state, createdToken);
          step = await rest.next();
        }
      } finally {
        if (signal.aborted) await rest.return?.();
      }
    },
    onError: (err) => {
      const pub = publicError(err);
      return `${pub.code}: ${pub.message}`;
    },
  });
}
