import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import { type ErrorCode, httpStatusOf } from '../../errors';
import { CHAT_PATHS, CHAT_SCHEMAS } from '../ai-sdk/openapi-chat';
import { VERSION } from '../health';
import { sendJson } from '../respond';
import {
  errorBody,
  HEADERS,
  HEADERS_TOO_LARGE,
  jsonSchema,
  PARAMETERS,
  ref,
  SCHEMAS,
  SECURITY_SCHEMES,
} from './openapi-components';
import { FIXED_PATHS, HEALTH_SCHEMAS } from './openapi-fixed-paths';
import { type RouteSchemas, schemasOf } from './route-schemas';
import { REST_ROUTES, type RestRoute } from './routes';

const REST_BASE = '/api/v1/shopping';

interface ObjectJsonSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

/** A tag per router the REST routes call into (the procedure's prefix). */
const TAGS: Record<string, { name: string; description: string }> = {
  shopping: { name: 'Assistant', description: 'Questions to the shopping assistant' },
  session: { name: 'Sessions', description: 'Sessions, their history and their erasure' },
  preferences: { name: 'Preferences', description: 'What the shopper told the assistant' },
  cart: { name: 'Cart', description: 'The session’s cart, priced from the catalog' },
  catalog: { name: 'Catalog', description: 'What the store sells: its currency and size' },
  admin: { name: 'Admin', description: 'Knowledge base and synonyms (`ADMIN_TOKEN`)' },
};
const FIXED_TAGS = [
  { name: 'Health', description: 'Liveness and readiness probes' },
  { name: 'Operations', description: 'Metrics and this document' },
];

function tagOf(route: RestRoute): string {
  const tag = TAGS[route.procedure.split('.')[0] ?? ''];
  if (!tag) throw new Error(`${route.procedure}: no OpenAPI tag for its router`);
  return tag.name;
}

const SECURITY: Record<RestRoute['auth'], object[]> = {
  none: [],
  // An empty requirement first: the token is optional (it names an existing session).
  'optional-session': [{}, { sessionToken: [] }, { sessionCookie: [] }],
  session: [{ sessionToken: [] }, { sessionCookie: [] }],
  admin: [{ adminToken: [] }],
};

const STREAM_DESCRIPTION = [
  'The answer as server-sent events (`text/event-stream`), each `data:` line one JSON object:',
  '',
  '- `meta` (QueryStreamMeta): the session, intent and products; first;',
  '- `token` (QueryStreamToken): `{text}`, pieces of the answer, in order;',
  '- `done` (QueryResult): the whole answer, the `data` of `POST /query`; last;',
  '- `error` (StreamError): `{code, message}` when the answer fails after the stream began; last.',
  '',
  'A request that fails before the first event gets a JSON error and its status instead.',
  '',
  'Every event has an `id:` (`<answerId>~<seq>`). The answer runs to its end even when the',
  'client leaves, and is kept for 5 minutes: send the last id received as `Last-Event-ID`',
  '(or `?lastEventId=`) to get the events after it, on any instance, without a second model',
  'call. A POST that carries an id resumes and does not ask again (its `q` is not used).',
  'Nothing left to send (the id was the last event) answers 204, which stops an EventSource.',
  '`GET /session/{id}/answers/{answerId}/stream` reads the same answer for an EventSource.',
  'Each event is a QueryStreamEvent (`contentSchema` of the body; OpenAPI 3.2 would say',
  '`itemSchema: QueryStreamEvent`), its `data` the JSON of the schema its `event` names.',
].join('\n');

const requestIdHeader = { 'X-Request-Id': ref('headers', 'XRequestId') };

const NOTHING_AFTER = {
  description: 'The answer has no events after `Last-Event-ID`: it had ended there',
  headers: requestIdHeader,
};

/** The session token header: where the data carries `session_token`, the header repeats it. */
function sessionTokenHeader(data: ObjectJsonSchema) {
  if (!data.properties?.session_token) return {};
  const always = (data.required ?? []).includes('session_token');
  return {
    'X-Session-Token': ref('headers', always ? 'XSessionToken' : 'XSessionTokenIfCreated'),
    'Set-Cookie': ref('headers', always ? 'SetSessionCookie' : 'SetSessionCookieIfCreated'),
  };
}

/** The session cookie set or cleared by a route's success (transport/session-cookie.ts). */
function cookieHeader(route: RestRoute) {
  if (route.kind === 'stream') return { 'Set-Cookie': ref('headers', 'SetSessionCookieIfCreated') };
  if (route.procedure === 'session.delete') {
    return { 'Set-Cookie': ref('headers', 'ClearSessionCookie') };
  }
  return {};
}

function successResponse(route: RestRoute, output: z.ZodType | undefined) {
  if (route.kind === 'stream') {
    return {
      description: 'The answer stream (see the operation’s description)',
      headers: { ...requestIdHeader, ...cookieHeader(route) },
      content: {
        'text/event-stream': {
          schema: {
            type: 'string',
            description: 'Server-sent events, as the sequence of their QueryStreamEvent items',
            contentMediaType: 'text/event-stream',
            contentSchema: { type: 'array', items: ref('schemas', 'QueryStreamEvent') },
          },
        },
      },
    };
  }
  const data = output ? jsonSchema(output, 'output') : {};
  return {
    description: 'Success',
    headers: { ...requestIdHeader, ...sessionTokenHeader(data), ...cookieHeader(route) },
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['success', 'data'],
          properties: { success: { type: 'boolean', const: true }, data },
        },
      },
    },
  };
}

const WHY: Partial<Record<ErrorCode, string>> = {
  VALIDATION_ERROR: 'a parameter or the body is invalid; `issues` name the fields',
  UNSAFE_INPUT: 'the question was refused as a prompt injection (`STRICT_INPUT`)',
  UNAUTHORIZED: 'no token',
  FORBIDDEN: 'a wrong admin token, or `ADMIN_TOKEN` is unset',
  CSRF_REJECTED:
    'authenticated by the session cookie, but not `Content-Type: application/json` or not from this server’s origin or `CORS_ORIGINS` (a cross-site request)',
  SESSION_NOT_FOUND: 'no session with this id opens with this token',
  NOT_FOUND: 'the item is not there',
  REQUEST_TIMEOUT: 'the body stopped arriving',
  CONFLICT: 'the session id is taken',
  PAYLOAD_TOO_LARGE: 'the body is over 64 KiB',
  UNSUPPORTED_MEDIA_TYPE: 'the body is not `application/json`',
  UNKNOWN_SKU: 'no product with this SKU',
  RATE_LIMITED: 'too many requests; see `Retry-After`',
  INTERNAL_ERROR: 'a fault of the server',
  STORE_UNAVAILABLE: 'the session store did not answer',
  MODEL_UNAVAILABLE: 'the language model did not answer',
};

/** Every error code a route can answer with, each under its status. */
function errorCodes(route: RestRoute, schemas: RouteSchemas): ErrorCode[] {
  const codes: ErrorCode[] = ['VALIDATION_ERROR', ...route.errors];
  if (route.auth === 'session' || route.auth === 'optional-session') codes.push('CSRF_REJECTED');
  if (schemas.body) codes.push('PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'REQUEST_TIMEOUT');
  codes.push('STORE_UNAVAILABLE', 'INTERNAL_ERROR');
  return [...new Set(codes)];
}

function errorResponses(codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = httpStatusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const description = list.map((c) => `${c}: ${WHY[c] ?? c}`).join('; ');
    const retry = status === 429 ? { 'Retry-After': ref('headers', 'RetryAfter') } : {};
    responses[String(status)] = {
      description,
      headers: { ...requestIdHeader, ...retry },
      content: { 'application/json': { schema: errorBody(list) } },
    };
  }
  return responses;
}

/** A stream resumes after the id in `Last-Event-ID`, or in `?lastEventId=` when not an input. */
function resumeParameters(route: RestRoute, schemas: RouteSchemas) {
  if (route.kind !== 'stream') return [];
  const inQuery = schemas.query !== undefined && 'lastEventId' in schemas.query.shape;
  return [
    ref('parameters', 'LastEventIdHeader'),
    ...(inQuery ? [] : [ref('parameters', 'LastEventIdQuery')]),
  ];
}

function parameters(schemas: RouteSchemas) {
  const path = schemas.params.map((p) => ({
    name: p.name,
    in: 'path',
    required: true,
    schema: jsonSchema(p.schema, 'input'),
  }));
  const query = schemas.query ? (jsonSchema(schemas.query, 'input') as ObjectJsonSchema) : {};
  const required = new Set(query.required ?? []);
  const queried = Object.entries(query.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: s,
  }));
  return [...path, ...queried, ref('parameters', 'XRequestId')];
}

function requestBody(schemas: RouteSchemas) {
  if (!schemas.body) return {};
  const body = jsonSchema(schemas.body, 'input');
  // An empty body reads as {}: required only when some field is.
  const required = schemas.rawBody || ((body as ObjectJsonSchema).required ?? []).length > 0;
  return { requestBody: { required, content: { 'application/json': { schema: body } } } };
}

function operation(route: RestRoute) {
  const schemas = schemasOf(route);
  return {
    operationId: route.procedure,
    tags: [tagOf(route)],
    summary: route.summary,
    ...(route.kind === 'stream' ? { description: STREAM_DESCRIPTION } : {}),
    security: SECURITY[route.auth],
    parameters: [...parameters(schemas), ...resumeParameters(route, schemas)],
    ...requestBody(schemas),
    responses: {
      '200': successResponse(route, schemas.output),
      ...(route.kind === 'stream' ? { '204': NOTHING_AFTER } : {}),
      ...errorResponses(errorCodes(route, schemas)),
      '431': HEADERS_TOO_LARGE,
    },
  };
}

const DESCRIPTION = [
  'The REST face of the Aisle shopping assistant (the same procedures are served over tRPC).',
  '',
  'Success is `{"success": true, "data": ...}`; failure is',
  '`{"success": false, "error": {"code", "message", "issues"?}}` with the status of its code.',
  'Calls about a session need its token (`Authorization: Bearer <session_token>`), or the',
  'session cookie a REST call that created the session set (browsers; see `sessionCookie`).',
].join('\n');

/** OpenAPI 3.1, generated from the route table and the schemas of the procedures it calls. */
export function buildOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of REST_ROUTES) {
    const path = `${REST_BASE}${route.path}`;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Aisle shopping assistant API',
      version: VERSION,
      description: DESCRIPTION,
      // The repository grants no licence (no LICENSE file, a private package): say so.
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    // Relative: the document describes whichever server serves it, behind any proxy.
    servers: [{ url: '/', description: 'The server that serves this document' }],
    tags: [...Object.values(TAGS), ...FIXED_TAGS],
    paths: { ...paths, ...CHAT_PATHS, ...FIXED_PATHS },
    components: {
      securitySchemes: SECURITY_SCHEMES,
      schemas: { ...SCHEMAS, ...HEALTH_SCHEMAS, ...CHAT_SCHEMAS },
      headers: HEADERS,
      parameters: PARAMETERS,
    },
  };
}

export function createOpenApiHandler() {
  let doc: unknown;
  return (res: ServerResponse) => {
    doc ??= buildOpenApi();
    sendJson(res, 200, doc);
  };
}
