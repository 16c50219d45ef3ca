import { ANSWER_POSITION_PATTERN, QueryResultSchema, QueryStreamEventSchema } from '@aisle/shared';
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../errors';

/** Where the document's shared parts live; an operation refers to them by these. */
export const ref = (kind: 'schemas' | 'headers' | 'parameters', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

/**
 * A zod schema as a JSON Schema nested in the document. The document states the dialect once
 * (OpenAPI 3.1's default, draft 2020-12), so no nested schema carries a `$schema` of its own.
 */
export function jsonSchema(s: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(s, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

export const SECURITY_SCHEMES = {
  sessionToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'The `session_token` of the session, returned by `POST /session` and by a `/query` that created the session (body and `X-Session-Token` header)',
  },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'aisle_session_{sessionId}',
    description:
      'The cookie a session’s creation set (`Set-Cookie`), one per session: `<SESSION_COOKIE_NAME>_<session id>` (default name `aisle_session`), `HttpOnly; SameSite=Strict; Path=/api/v1/shopping`. A bearer header wins over it. A state-changing request authenticated by it must be `Content-Type: application/json` from the server’s own origin or one of `CORS_ORIGINS` (else 403 `CSRF_REJECTED`)',
  },
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The server’s `ADMIN_TOKEN`; admin routes answer 403 while it is unset',
  },
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The server’s `METRICS_TOKEN`, required only when it is set',
  },
};

export const HEADERS = {
  XSessionToken: {
    description: 'The `session_token` of the session this request created (same as in the body)',
    required: true,
    schema: { type: 'string' },
  },
  XSessionTokenIfCreated: {
    description: 'When this request created a session: its `session_token` (same as in the body)',
    required: false,
    schema: { type: 'string' },
  },
  SetSessionCookie: {
    description:
      'The new session’s cookie (`<SESSION_COOKIE_NAME>_<session id>` = its token; `HttpOnly; SameSite=Strict; Path=/api/v1/shopping; Max-Age=SESSION_TTL_SECONDS`, `Secure` over HTTPS), and any of the browser’s oldest session cookies past `SESSION_COOKIE_MAX` expired; absent when `SESSION_COOKIE=false`',
    required: false,
    schema: { type: 'string' },
  },
  SetSessionCookieIfCreated: {
    description:
      'When this request created a session: its cookie, as `POST /session` sets it; absent otherwise or when `SESSION_COOKIE=false`',
    required: false,
    schema: { type: 'string' },
  },
  ClearSessionCookie: {
    description: 'Expires the deleted session’s cookie, when the request carried it',
    required: false,
    schema: { type: 'string' },
  },
  RetryAfter: {
    description: 'Seconds to wait before the next request is accepted',
    required: true,
    schema: { type: 'integer', minimum: 1 },
  },
  XRequestId: {
    description: 'The request’s id: the `X-Request-Id` the client sent, or one the server made',
    required: true,
    schema: { type: 'string', minLength: 1, maxLength: 128 },
  },
};

export const PARAMETERS = {
  XRequestId: {
    name: 'X-Request-Id',
    in: 'header',
    required: false,
    description: 'An id to find this request in the server’s logs; echoed in the response',
    schema: { type: 'string' },
  },
  LastEventIdHeader: {
    name: 'Last-Event-ID',
    in: 'header',
    required: false,
    description:
      'The `id:` of the last event received: the stream resumes after it (an EventSource sends it when it reconnects); wins over `lastEventId`',
    schema: { type: 'string', pattern: ANSWER_POSITION_PATTERN.source },
  },
  LastEventIdQuery: {
    name: 'lastEventId',
    in: 'query',
    required: false,
    description: 'The same as the `Last-Event-ID` header, for clients that cannot set headers',
    schema: { type: 'string', pattern: ANSWER_POSITION_PATTERN.source },
  },
};

const errorSchemas = {
  ErrorCode: {
    type: 'string',
    enum: ERROR_CODES,
    description: 'Stable error code; the HTTP status follows from it',
  },
  FieldIssue: {
    type: 'object',
    required: ['path', 'message'],
    properties: {
      path: { type: 'string', description: 'Dotted path of the field, `(root)` or `(body)`' },
      message: { type: 'string' },
    },
  },
  ErrorResponse: {
    type: 'object',
    required: ['success', 'error'],
    properties: {
      success: { type: 'boolean', const: false },
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: ref('schemas', 'ErrorCode'),
          message: { type: 'string' },
          issues: { type: 'array', items: ref('schemas', 'FieldIssue') },
        },
      },
    },
  },
};

/**
 * Node's own answer, before any handler runs, to a request line and headers over its 16 KiB
 * limit (a very long path parameter): every operation can get it.
 */
export const HEADERS_TOO_LARGE = {
  description:
    'The request line and headers are over 16 KiB (a very long path parameter, say): Node answers without a body and closes the connection',
};

/** The error envelope, its code narrowed to those this response can carry. */
export function errorBody(codes: readonly ErrorCode[]) {
  return {
    ...ref('schemas', 'ErrorResponse'),
    type: 'object',
    properties: {
      error: { type: 'object', properties: { code: { type: 'string', enum: [...codes] } } },
    },
  };
}

/** What each `event:` of the answer stream carries as `data:`, from the stream's own schema. */
const STREAM_DATA = (() => {
  const byType = new Map(QueryStreamEventSchema.options.map((o) => [o.shape.type.value, o]));
  const dataOf = (type: 'meta' | 'token' | 'done') => {
    const option = byType.get(type);
    if (!option) throw new Error(`the answer stream has no '${type}' event`);
    return jsonSchema((option as z.ZodObject).omit({ type: true }), 'output');
  };
  return {
    QueryStreamMeta: {
      ...dataOf('meta'),
      description: 'First event: the session, the intent and the products of the answer',
    },
    QueryStreamToken: { ...dataOf('token'), description: 'A piece of the answer’s text' },
    QueryResult: {
      ...jsonSchema(QueryResultSchema, 'output'),
      description: 'The whole answer, as `POST /query` returns it',
    },
    StreamError: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: ref('schemas', 'ErrorCode'), message: { type: 'string' } },
      description: 'The answer failed after the stream began; the stream ends here',
    },
  };
})();

/** SSE event name -> the component its `data:` line (JSON) follows. */
const STREAM_EVENTS = {
  meta: 'QueryStreamMeta',
  token: 'QueryStreamToken',
  done: 'QueryResult',
  error: 'StreamError',
} as const;

/**
 * One server-sent event as OpenAPI's media type registry models `text/event-stream`: the
 * event's fields, `data` being a string whose JSON content follows `contentSchema`.
 */
const streamEvent = {
  QueryStreamEvent: {
    description: 'One event of the answer stream: `meta`, `token`..., then `done` or `error`',
    oneOf: Object.entries(STREAM_EVENTS).map(([event, schema]) => ({
      type: 'object',
      required: ['id', 'event', 'data'],
      properties: {
        id: {
          type: 'string',
          pattern: ANSWER_POSITION_PATTERN.source,
          description: '`<answerId>~<seq>`: send it back as `Last-Event-ID` to resume after it',
        },
        event: { type: 'string', const: event },
        data: {
          type: 'string',
          contentMediaType: 'application/json',
          contentSchema: ref('schemas', schema),
        },
      },
    })),
  },
};

export const SCHEMAS = { ...errorSchemas, ...STREAM_DATA, ...streamEvent };
