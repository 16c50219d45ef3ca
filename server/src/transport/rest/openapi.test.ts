import { QueryResultSchema, QueryStreamEventSchema } from '@aisle/shared';
import { type AnyRouter, initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode, httpStatusOf } from '../../errors';
import { appRouter } from '../../routers';
import { buildOpenApi } from './openapi';
import { deriveRouteSchemas, schemasOf } from './route-schemas';
import { REST_ROUTES, type RestRoute } from './routes';

type Json = Record<string, unknown>;
interface ObjectJson {
  properties?: Record<string, Json>;
  required?: string[];
  additionalProperties?: unknown;
}
interface Parameter {
  name: string;
  in?: 'path' | 'query';
  required: boolean;
  schema: Json;
}
interface Operation {
  parameters: Parameter[];
  requestBody?: { required: boolean; content: { 'application/json': { schema: Json } } };
  responses: Record<string, { content: Record<string, { schema: Json }> }>;
}

const BASE = '/api/v1/shopping';
/** The README's path segments and the procedure fields they stand for. */
const PATH_FIELDS: Record<string, string> = { id: 'sessionId', sku: 'sku' };

const toJson = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Json;
  return rest;
};

const procedures = (appRouter as AnyRouter)._def.procedures as Record<
  string,
  { _def: { inputs: z.ZodType[]; output?: z.ZodType; type: string } }
>;
function procedureOf(route: RestRoute) {
  const procedure = procedures[route.procedure];
  if (!procedure) throw new Error(`no procedure ${route.procedure}`);
  return procedure._def;
}

/** The procedure's inputs as tRPC merges them: every field of every `.input()`. */
function procedureFields(route: RestRoute): Required<ObjectJson> {
  const merged: Required<ObjectJson> = { properties: {}, required: [], additionalProperties: {} };
  for (const input of procedureOf(route).inputs) {
    const json = toJson(input, 'input') as ObjectJson;
    Object.assign(merged.properties, json.properties);
    merged.required.push(...(json.required ?? []));
    if (json.additionalProperties === false) merged.additionalProperties = false;
  }
  return merged;
}

/** What the document says a route takes, put back together as one object. */
function documentedFields(op: Operation): Required<ObjectJson> {
  const body = (op.requestBody?.content['application/json'].schema ?? {}) as ObjectJson;
  const properties: Record<string, Json> = { ...body.properties };
  const required = [...(body.required ?? [])];
  // The shared X-Request-Id header parameter ($ref) is no input of the procedure.
  for (const p of op.parameters.filter((p) => p.in === 'path' || p.in === 'query')) {
    const field = p.in === 'path' ? (PATH_FIELDS[p.name] ?? p.name) : p.name;
    expect(properties, `${p.name} documented twice`).not.toHaveProperty(field);
    properties[field] = p.schema;
    if (p.required) required.push(field);
  }
  return { properties, required, additionalProperties: body.additionalProperties ?? {} };
}

const doc = buildOpenApi() as unknown as { paths: Record<string, Record<string, Operation>> };
const operationOf = (route: RestRoute): Operation => {
  const op = doc.paths[`${BASE}${route.path}`]?.[route.method.toLowerCase()];
  if (!op) throw new Error(`${route.method} ${route.path} is not documented`);
  return op;
};
const objectRoutes = REST_ROUTES.filter((r) => !r.bareArrayOf);

describe('the OpenAPI document is the procedures’ own schemas', () => {
  it.each(objectRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s documents exactly its procedure’s input (path + query + body)',
    (_, route) => {
      const expected = procedureFields(route);
      for (const field of route.restOmits ?? []) {
        expect(expected.properties, `restOmits names a real field`).toHaveProperty(field);
        delete expected.properties[field];
        expected.required = expected.required.filter((f) => f !== field);
      }
      const documented = documentedFields(operationOf(route));
      expect(documented.properties).toEqual(expected.properties);
      expect(new Set(documented.required)).toEqual(new Set(expected.required));
      expect(documented.additionalProperties).toEqual(expected.additionalProperties);
    },
  );

  it.each(REST_ROUTES.filter((r) => r.kind === 'call').map((r) => [r.procedure, r] as const))(
    '%s documents its procedure’s output as data',
    (_, route) => {
      const output = procedureOf(route).output;
      expect(output, 'a call route answers with a declared output').toBeDefined();
      const ok = operationOf(route).responses['200']?.content['application/json']?.schema as {
        properties: { data: Json };
      };
      expect(ok.properties.data).toEqual(toJson(output as z.ZodType, 'output'));
    },
  );

  it('documents add-documents both wrapped and as a bare array, from its own schema', () => {
    const route = REST_ROUTES.find((r) => r.bareArrayOf === 'documents');
    if (!route) throw new Error('no bare-array route');
    const [input] = procedureOf(route).inputs;
    const wrapped = toJson(input as z.ZodType, 'input') as { properties: { documents: Json } };
    const body = operationOf(route).requestBody;
    expect(body?.required).toBe(true);
    expect(body?.content['application/json'].schema.anyOf).toEqual([
      wrapped,
      wrapped.properties.documents,
    ]);
  });

  it('documents the procedures’ own limits and defaults', () => {
    const query = documentedFields(operationOf(REST_ROUTES[0] as RestRoute));
    expect(query.properties.q).toMatchObject({ minLength: 1, maxLength: 2000 });
    const conversation = REST_ROUTES.find((r) => r.procedure === 'session.conversation');
    const before = documentedFields(operationOf(conversation as RestRoute)).properties.before;
    expect(new RegExp(String(before?.pattern)).test('2025-01-02T03:04:05+02:00')).toBe(true);
    const add = REST_ROUTES.find((r) => r.procedure === 'cart.add');
    const body = documentedFields(operationOf(add as RestRoute));
    expect(body.properties.quantity).toMatchObject({ default: 1 });
    expect(body.properties.price).toEqual({
      description: 'Ignored: the catalog prices the product',
    });
  });
});

describe('route schemas derived from a router', () => {
  const t = initTRPC.create();
  const route: RestRoute = {
    method: 'POST',
    path: '/session/{id}/cart/add',
    procedure: 'cart.add',
    kind: 'call',
    summary: 'Add',
    errors: [],
    auth: 'session',
  };
  const routerWith = (input: z.ZodType) =>
    t.router({ cart: t.router({ add: t.procedure.input(input).mutation(() => null) }) });

  it('shows a field added to the procedure without touching the route', () => {
    const schemas = deriveRouteSchemas(
      routerWith(z.object({ sessionId: z.string(), sku: z.string(), gift: z.boolean() })),
      route,
    );
    expect(Object.keys((schemas.body as z.ZodObject).shape)).toEqual(['sku', 'gift']);
  });

  it('refuses a path parameter the procedure does not take', () => {
    expect(() => deriveRouteSchemas(routerWith(z.object({ sku: z.string() })), route)).toThrow(
      /\{id\} fills no input field/,
    );
  });

  it('fills the input from the path over the body; a stream takes its lastEventId from the body', () => {
    const stream = REST_ROUTES.find((r) => r.procedure === 'shopping.queryStream') as RestRoute;
    const parts = (body: unknown) => ({ params: {}, query: new URLSearchParams(), body });
    expect(schemasOf(stream).toInput(parts({ q: 'hi', lastEventId: 'a~1' }))).toEqual({
      q: 'hi',
      lastEventId: 'a~1',
    });
    const add = REST_ROUTES.find((r) => r.procedure === 'cart.add') as RestRoute;
    const input = schemasOf(add).toInput({
      params: { id: 'session-1' },
      query: new URLSearchParams('sku=ignored'),
      body: { sku: 'A', sessionId: 'someone-else' },
    });
    expect(input).toEqual({ sku: 'A', sessionId: 'session-1' });
  });

  it('reads only the documented query parameters', () => {
    const conversation = REST_ROUTES.find(
      (r) => r.procedure === 'session.conversation',
    ) as RestRoute;
    const input = schemasOf(conversation).toInput({
      params: { id: 'session-1' },
      query: new URLSearchParams('limit=5&sessionId=other&x=1'),
      body: undefined,
    });
    expect(input).toEqual({ limit: '5', sessionId: 'session-1' });
  });
});

describe('the OpenAPI document as a contract clients generate from', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the document is walked field by field
  type Any = Record<string, any>;
  const full = buildOpenApi() as unknown as Any;
  const operations = Object.entries(full.paths as Any).flatMap(([path, ops]) =>
    Object.entries(ops as Any).map(([method, op]) => ({ path, method, op: op as Any })),
  );
  const restOp = (route: RestRoute) =>
    full.paths[`${BASE}${route.path}`][route.method.toLowerCase()];

  it('states the dialect once: no nested schema carries $schema', () => {
    expect(JSON.stringify(full)).not.toContain('"$schema"');
  });

  it('names a server, and gives every operation an id, a tag, a summary and security', () => {
    expect(full.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    const tags = new Set((full.tags as { name: string }[]).map((t) => t.name));
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { op } of operations) {
      expect(op.summary).toEqual(expect.any(String));
      expect(op.tags.every((t: string) => tags.has(t))).toBe(true);
      expect(Array.isArray(op.security)).toBe(true);
    }
    expect(Object.keys(full.paths)).toEqual(
      expect.arrayContaining(['/health', '/health/live', '/health/ready', '/metrics']),
    );
  });

  it('asks for the token each route really needs', () => {
    const byAuth = (auth: RestRoute['auth']) => REST_ROUTES.filter((r) => r.auth === auth);
    for (const r of byAuth('none')) expect(restOp(r).security).toEqual([]);
    for (const r of byAuth('optional-session')) {
      expect(restOp(r).security).toEqual([{}, { sessionToken: [] }, { sessionCookie: [] }]);
    }
    for (const r of byAuth('session')) {
      expect(restOp(r).security).toEqual([{ sessionToken: [] }, { sessionCookie: [] }]);
    }
    for (const r of byAuth('admin')) expect(restOp(r).security).toEqual([{ adminToken: [] }]);
    expect(byAuth('optional-session').map((r) => r.path)).toEqual(['/query', '/query/stream']);
  });

  it('requires success and data, and types error codes by status', () => {
    expect(full.components.schemas.ErrorCode.enum).toEqual(ERROR_CODES);
    for (const { path, method, op } of operations) {
      for (const [status, response] of Object.entries(op.responses as Any)) {
        const schema = response.content?.['application/json']?.schema;
        if (!schema) continue;
        if (status === '200' && path.startsWith(BASE)) {
          expect(schema.required, `${method} ${path}`).toEqual(['success', 'data']);
        }
        const codes: ErrorCode[] | undefined = schema.properties?.error?.properties?.code?.enum;
        // /health/ready answers 503 with its readiness report, not an error.
        if (Number(status) < 400 || path === '/health/ready') continue;
        expect(schema.$ref, `${method} ${path} ${status}`).toBe(
          '#/components/schemas/ErrorResponse',
        );
        for (const code of codes ?? []) expect(httpStatusOf(code), code).toBe(Number(status));
      }
    }
  });

  it('documents the session token and Retry-After headers where they are sent', () => {
    const session = REST_ROUTES.find((r) => r.procedure === 'session.create') as RestRoute;
    const query = REST_ROUTES[0] as RestRoute;
    expect(restOp(session).responses['200'].headers['X-Session-Token']).toEqual({
      $ref: '#/components/headers/XSessionToken',
    });
    expect(restOp(query).responses['200'].headers['X-Session-Token']).toEqual({
      $ref: '#/components/headers/XSessionTokenIfCreated',
    });
    expect(full.components.headers.XSessionToken.required).toBe(true);
    expect(full.components.headers.XSessionTokenIfCreated.required).toBe(false);
    for (const { op } of operations) {
      const limited = op.responses['429'];
      if (limited)
        expect(limited.headers['Retry-After']).toEqual({ $ref: '#/components/headers/RetryAfter' });
    }
  });

  it('documents how every stream resumes: event ids, Last-Event-ID, lastEventId, 204', () => {
    const streams = REST_ROUTES.filter((r) => r.kind === 'stream');
    expect(streams.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /query/stream',
      'GET /session/{id}/answers/{answerId}/stream',
    ]);
    for (const route of streams) {
      const op = restOp(route);
      const refs = op.parameters.map((p: Any) => p.$ref).filter(Boolean);
      expect(refs).toContain('#/components/parameters/LastEventIdHeader');
      const inQuery = op.parameters.some((p: Any) => p.in === 'query' && p.name === 'lastEventId');
      const queryRef = refs.includes('#/components/parameters/LastEventIdQuery');
      expect(inQuery !== queryRef, `${route.path}: lastEventId in the query once`).toBe(true);
      expect(op.responses['204'].content).toBeUndefined();
      expect(op.responses['404']).toBeDefined();
    }
    const get = restOp(streams[1] as RestRoute);
    expect(get.security).toEqual([{ sessionToken: [] }, { sessionCookie: [] }]);
    expect(get.parameters.filter((p: Any) => p.in === 'path').map((p: Any) => p.name)).toEqual([
      'id',
      'answerId',
    ]);
    for (const branch of full.components.schemas.QueryStreamEvent.oneOf) {
      expect(branch.required).toEqual(['id', 'event', 'data']);
      expect(new RegExp(branch.properties.id.pattern).test('AbCdEfGh12~7')).toBe(true);
    }
    expect(full.components.parameters.LastEventIdHeader).toMatchObject({
      name: 'Last-Event-ID',
      in: 'header',
    });
  });

  it('describes each event of the answer stream with the stream’s own schemas', () => {
    const stream = REST_ROUTES.find((r) => r.kind === 'stream') as RestRoute;
    const media = restOp(stream).responses['200'].content['text/event-stream'];
    expect(media.schema.contentSchema.items).toEqual({
      $ref: '#/components/schemas/QueryStreamEvent',
    });
    const events = full.components.schemas.QueryStreamEvent.oneOf.map((b: Any) => [
      b.properties.event.const,
      b.properties.data.contentSchema.$ref,
    ]);
    expect(events).toEqual([
      ['meta', '#/components/schemas/QueryStreamMeta'],
      ['token', '#/components/schemas/QueryStreamToken'],
      ['done', '#/components/schemas/QueryResult'],
      ['error', '#/components/schemas/StreamError'],
    ]);
    const { description: _, ...meta } = full.components.schemas.QueryStreamMeta;
    const metaOption = QueryStreamEventSchema.options[0].omit({ type: true });
    expect(meta).toEqual(toJson(metaOption, 'output'));
    const { description: __, ...done } = full.components.schemas.QueryResult;
    expect(done).toEqual(toJson(QueryResultSchema, 'output'));
  });
});
