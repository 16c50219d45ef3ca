import { type AnyRouter, initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
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

  it('fills the input from the path over the body, and drops fields REST does not offer', () => {
    const stream = REST_ROUTES.find((r) => r.procedure === 'shopping.queryStream') as RestRoute;
    const parts = (body: unknown) => ({ params: {}, query: new URLSearchParams(), body });
    expect(schemasOf(stream).toInput(parts({ q: 'hi', lastEventId: 'a~1' }))).toEqual({ q: 'hi' });
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
