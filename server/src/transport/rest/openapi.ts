import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ErrorCode } from '../../errors';
import { httpStatusOf } from '../../errors';
import { VERSION } from '../health';
import { sendJson } from '../respond';
import { type RouteSchemas, schemasOf } from './route-schemas';
import { REST_ROUTES, type RestRoute } from './routes';

const BASE = '/api/v1/shopping';

const schema = (s: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });

/** A schema inside a larger document: the dialect is stated once, by the document. */
function inlineSchema(s: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...rest } = schema(s, io) as Record<string, unknown>;
  return rest;
}

interface ObjectJsonSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

const errorBody = {
  type: 'object',
  required: ['success', 'error'],
  properties: {
    success: { const: false },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const STREAM_EVENTS =
  'Server-sent events: `meta`, `token`..., then `done` (the data of the non-streaming route) or `error` {code, message}';

function successResponse(route: RestRoute, output: z.ZodType | undefined) {
  if (route.kind === 'stream') {
    return {
      description: STREAM_EVENTS,
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    };
  }
  const data = output ? inlineSchema(output, 'output') : {};
  return {
    description: 'Success',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['success', 'data'],
          properties: { success: { const: true }, data },
        },
      },
    },
  };
}

function parameters(schemas: RouteSchemas) {
  const path = schemas.params.map((p) => ({
    name: p.name,
    in: 'path',
    required: true,
    schema: inlineSchema(p.schema, 'input'),
  }));
  const query = schemas.query ? (inlineSchema(schemas.query, 'input') as ObjectJsonSchema) : {};
  const required = new Set(query.required ?? []);
  const queried = Object.entries(query.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: s,
  }));
  return [...path, ...queried];
}

function requestBody(schemas: RouteSchemas) {
  if (!schemas.body) return {};
  const body = schema(schemas.body, 'input');
  // An empty body reads as {}: required only when some field is.
  const required = schemas.rawBody || ((body as ObjectJsonSchema).required ?? []).length > 0;
  return { requestBody: { required, content: { 'application/json': { schema: body } } } };
}

function operation(route: RestRoute) {
  const schemas = schemasOf(route);
  const codes: ErrorCode[] = ['VALIDATION_ERROR', ...route.errors, 'STORE_UNAVAILABLE'];
  if (schemas.body) codes.push('PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  const responses: Record<string, unknown> = { '200': successResponse(route, schemas.output) };
  for (const code of codes) {
    const status = String(httpStatusOf(code));
    const existing = responses[status] as { description: string } | undefined;
    responses[status] = {
      description: existing ? `${existing.description}, ${code}` : code,
      content: { 'application/json': { schema: errorBody } },
    };
  }
  return {
    operationId: route.procedure,
    summary: route.summary,
    ...(route.auth === 'none' ? {} : { security: [{ bearer: [] }] }),
    parameters: parameters(schemas),
    ...requestBody(schemas),
    responses,
  };
}

/** OpenAPI 3.1, generated from the route table and the schemas of the procedures it calls. */
export function buildOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of REST_ROUTES) {
    const path = `${BASE}${route.path}`;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Aisle shopping assistant API', version: VERSION },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The session_token of the session (or ADMIN_TOKEN for admin routes)',
        },
      },
    },
    paths,
  };
}

export function createOpenApiHandler() {
  let doc: unknown;
  return (res: ServerResponse) => {
    doc ??= buildOpenApi();
    sendJson(res, 200, doc);
  };
}
