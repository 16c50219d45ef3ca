import { INTENTS, ProductCardSchema } from '@aisle/shared';
import { type ErrorCode, httpStatusOf } from '../../errors';
import { errorBody, HEADERS_TOO_LARGE, jsonSchema, ref } from '../rest/openapi-components';
import { CHAT_PATH, ChatRequestSchema } from './chat-request';

/**
 * `POST /api/v1/shopping/chat` in the OpenAPI document. No procedure backs it directly (it
 * speaks the AI SDK's protocol around `shopping.queryStream`), so its schemas are written
 * here; the chat suite checks every response it gets against them.
 */

const requestId = { 'X-Request-Id': ref('headers', 'XRequestId') };

const obj = (required: string[], properties: Record<string, unknown>, description?: string) => ({
  type: 'object',
  required,
  properties,
  ...(description ? { description } : {}),
});

const METADATA = {
  type: 'object',
  required: ['session_id', 'intent'],
  properties: {
    session_id: { type: 'string', description: 'The session, which is the chat id' },
    intent: { type: 'string', enum: [...INTENTS] },
    session_token: {
      type: 'string',
      description: 'Only when this request created the session: the bearer token of later turns',
    },
    alternatives: { const: true },
    not_carried: { type: 'array', items: { type: 'string' } },
    cached: { type: 'boolean' },
    interrupted: { const: true },
    sources: {
      type: 'array',
      items: obj(['id', 'title'], { id: { type: 'string' }, title: { type: 'string' } }),
    },
  },
};

/** The UI message chunks this endpoint sends, in the order it sends them. */
const CHUNKS = [
  obj(
    ['type', 'messageMetadata'],
    {
      type: { const: 'start' },
      messageId: { type: 'string' },
      messageMetadata: ref('schemas', 'ChatMetadata'),
    },
    'First: the session and the intent as message metadata',
  ),
  obj(
    ['type', 'id', 'data'],
    {
      type: { const: 'data-products' },
      id: { type: 'string' },
      data: { type: 'array', items: jsonSchema(ProductCardSchema, 'output') },
    },
    'The product cards of the answer, before its text',
  ),
  obj(['type', 'id'], { type: { const: 'text-start' }, id: { type: 'string' } }),
  obj(
    ['type', 'id', 'delta'],
    { type: { const: 'text-delta' }, id: { type: 'string' }, delta: { type: 'string' } },
    'A piece of the answer’s text',
  ),
  obj(['type', 'id'], { type: { const: 'text-end' }, id: { type: 'string' } }),
  obj(
    ['type'],
    {
      type: { const: 'finish' },
      finishReason: { enum: ['stop', 'other'] },
      messageMetadata: ref('schemas', 'ChatMetadata'),
    },
    'Last chunk of a complete answer; metadata adds `cached`, `sources`, `interrupted`',
  ),
  obj(
    ['type', 'errorText'],
    { type: { const: 'error' }, errorText: { type: 'string', description: '`CODE: message`' } },
    'The answer failed after the stream began; the stream ends here',
  ),
];

export const CHAT_SCHEMAS = {
  ChatMetadata: { ...METADATA, description: 'Message metadata of an answer' },
  UIMessageChunk: { oneOf: CHUNKS, description: 'One chunk of the AI SDK UI message stream' },
  UIMessageStreamEvent: {
    description: 'One server-sent event: a UI message chunk as JSON, or the closing `[DONE]`',
    // anyOf: both are unnamed (`message`) events; only their data tells them apart.
    anyOf: [
      obj(['event', 'data'], {
        event: { const: 'message' },
        data: {
          type: 'string',
          not: { const: '[DONE]' },
          contentMediaType: 'application/json',
          contentSchema: ref('schemas', 'UIMessageChunk'),
        },
      }),
      obj(['event', 'data'], { event: { const: 'message' }, data: { const: '[DONE]' } }),
    ],
  },
};

const WHY: Partial<Record<ErrorCode, string>> = {
  VALIDATION_ERROR:
    'the body is not a chat request, the last message is not the user’s text, or a new chat id is not 22+ random characters; `issues` name the fields',
  UNSAFE_INPUT: 'the question was refused as a prompt injection (`STRICT_INPUT`)',
  UNAUTHORIZED: 'the chat id names an existing session and no token came with it',
  SESSION_NOT_FOUND: 'the chat id names a session this token does not open',
  REQUEST_TIMEOUT: 'the body stopped arriving',
  PAYLOAD_TOO_LARGE: 'the body is over 64 KiB (send only the newest message)',
  UNSUPPORTED_MEDIA_TYPE: 'the body is not `application/json`',
  CSRF_REJECTED:
    'the session cookie came from another site’s page (Origin not this host or CORS_ORIGINS)',
  RATE_LIMITED: 'too many requests; see `Retry-After`',
  INTERNAL_ERROR: 'a fault of the server',
  STORE_UNAVAILABLE: 'the session store did not answer',
  MODEL_UNAVAILABLE: 'the language model did not answer',
};

function errorResponses() {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of Object.keys(WHY) as ErrorCode[]) {
    const status = httpStatusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, unknown> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: codes.map((c) => `${c}: ${WHY[c]}`).join('; '),
      headers: {
        ...requestId,
        ...(status === 429 ? { 'Retry-After': ref('headers', 'RetryAfter') } : {}),
      },
      content: { 'application/json': { schema: errorBody(codes) } },
    };
  }
  return out;
}

const DESCRIPTION = [
  'The Vercel AI SDK’s chat request (`DefaultChatTransport`, `useChat`; package `ai` v5+) in,',
  'the UI message stream protocol out: server-sent events, each `data:` one UIMessageChunk as',
  'JSON, then `data: [DONE]`; header `x-vercel-ai-ui-message-stream: v1`. In order: `start`',
  '(metadata: session id, intent, and the token when this request created the session),',
  '`data-products` (the product cards), `text-start`, `text-delta`..., `text-end`, `finish`;',
  'or `error` when the answer fails after the stream began.',
  '',
  'The chat `id` is the session id. A chat id with no token creates the session under that id',
  '(22+ random characters, as any client-chosen session id); later turns send its token as the',
  'bearer, or the session cookie this request set (browsers, same origin). The question is the text of the last message, which must be the user’s; the history',
  'is the session’s own, so the other messages are not read (sending only the newest is enough).',
  'A request that fails before the stream begins gets a JSON error and its status instead.',
].join('\n');

export const CHAT_PATHS = {
  [CHAT_PATH]: {
    post: {
      operationId: 'chat',
      tags: ['Assistant'],
      summary: 'Ask the assistant as a Vercel AI SDK chat (UI message stream)',
      description: DESCRIPTION,
      security: [{}, { sessionToken: [] }, { sessionCookie: [] }],
      parameters: [ref('parameters', 'XRequestId')],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchema(ChatRequestSchema, 'input') } },
      },
      responses: {
        '200': {
          description: 'The answer as a UI message stream (see the operation’s description)',
          headers: {
            ...requestId,
            'X-Session-Token': ref('headers', 'XSessionTokenIfCreated'),
            'Set-Cookie': ref('headers', 'SetSessionCookieIfCreated'),
            'x-vercel-ai-ui-message-stream': {
              description: 'The protocol and its version',
              required: true,
              schema: { const: 'v1' },
            },
          },
          content: {
            'text/event-stream': {
              schema: {
                type: 'string',
                description:
                  'Server-sent events, as the sequence of their UIMessageStreamEvent items',
                contentMediaType: 'text/event-stream',
                contentSchema: { type: 'array', items: ref('schemas', 'UIMessageStreamEvent') },
              },
            },
          },
        },
        ...errorResponses(),
        '431': HEADERS_TOO_LARGE,
      },
    },
  },
};
