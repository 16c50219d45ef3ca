import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ErrorCode } from '../../errors';
import { httpStatusOf } from '../../errors';
import { VERSION } from '../health';
import { sendJson } from '../respond';
import { REST_ROUTES, type RestRoute } from './routes';

const BASE = '/api/v1/shopping';

const schema = (s: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });

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

function operation(route: RestRoute) {
  const codes: ErrorCode[] = ['VALIDATION_ERROR', ...route.errors, 'STORE_UNAVAILABLE'];
  if (route.body) codes.push('PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  const responses: Record<string, unknown> = {
    '200': {
      description: 'Success',
      content:
        route.kind === 'stream'
          ? { 'text/event-stream': { schema: { type: 'string' } } }
          : {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { success: { const: true }, data: schema(route.output, 'output') },
                },
              },
            },
    },
  };
  for (const code of codes) {
    const status = String(httpStatusOf(code));
    const existing = responses[status] as { description: string } | undefined;
    responses[status] = {
      description: existing ? `${existing.description}, ${code}` : code,
      content: { 'application/json': { schema: errorBody } },
    };
  }
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = route.query
    ? Object.entries(
        (schema(route.query, 'input') as { properties?: Record<string, unknown> }).properties ?? {},
      ).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }))
    : [];
  return {
    operationId: route.procedure,
    summary: route.summary,
    ...(route.auth === 'none' ? {} : { security: [{ bearer: [] }] }),
    parameters: [...params, ...query],
    ...(route.body
      ? {
          requestBody: {
            required: route.path !== '/session',
            content: { 'application/json': { schema: schema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** OpenAPI 3.1, generated from the same route table and zod schemas the adapter serves. */
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
