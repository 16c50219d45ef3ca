import type { AnyRouter } from '@trpc/server';
import { z } from 'zod';
import { appRouter } from '../../routers';
import { REST_ROUTES, type RestRoute } from './routes';

/** What the adapter extracts from a request; `toInput` turns it into the procedure's input. */
export interface RestRequestParts {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

/** A path parameter and the field of the procedure's input it fills. */
export interface PathParam {
  name: string;
  field: string;
  schema: z.ZodType;
}

/**
 * A route's request and response schemas, read from the procedure it calls: the procedure's
 * input minus what the path supplies is the query (GET, DELETE) or the body (POST, PATCH).
 * Nothing here is declared twice, so the OpenAPI document cannot drift from validation.
 */
export interface RouteSchemas {
  params: PathParam[];
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body goes to the procedure as sent: its input is not an object to merge params into. */
  rawBody: boolean;
  /** Absent for streams: their events are not a procedure output. */
  output?: z.ZodType;
  toInput(parts: RestRequestParts): unknown;
}

/** Path segment name -> the procedure input field it fills (the README's paths say `{id}`). */
const PATH_FIELDS: Record<string, string> = { id: 'sessionId', sku: 'sku', answerId: 'answerId' };

interface ProcedureDef {
  inputs: unknown[];
  output?: unknown;
}

const isSchema = (v: unknown): v is z.ZodType => v instanceof z.ZodType;

function procedureDef(router: AnyRouter, path: string): ProcedureDef {
  const procedures = router._def.procedures as Record<string, { _def?: ProcedureDef }>;
  const def = procedures[path]?._def;
  if (!def) throw new Error(`REST route onto unknown procedure ${path}`);
  return def;
}

/** tRPC parses the raw input with each `.input()` and merges the results; so do we, as a shape. */
function procedureInput(path: string, inputs: unknown[]): z.ZodType | undefined {
  if (!inputs.every(isSchema)) throw new Error(`${path}: an input is not a zod schema`);
  const [first, ...rest] = inputs;
  if (!first || rest.length === 0) return first;
  if (!(first instanceof z.ZodObject) || !rest.every((s) => s instanceof z.ZodObject)) {
    throw new Error(`${path}: several inputs must all be objects to be documented as one`);
  }
  return rest.reduce<z.ZodObject>((merged, s) => merged.extend(s.shape), first);
}

const asObject = (body: unknown): Record<string, unknown> =>
  body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};

function without(record: Record<string, unknown>, keys: readonly string[]) {
  if (!keys.some((k) => k in record)) return record;
  const copy = { ...record };
  for (const k of keys) delete copy[k];
  return copy;
}

function pathParams(route: RestRoute, input: z.ZodType | undefined): PathParam[] {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  return names.map((name) => {
    const field = PATH_FIELDS[name];
    const schema = field && input instanceof z.ZodObject ? input.shape[field] : undefined;
    if (!field || !isSchema(schema)) {
      throw new Error(`${route.procedure}: path parameter {${name}} fills no input field`);
    }
    return { name, field, schema };
  });
}

/** A body the procedure reads both wrapped and bare: documents both forms. */
function withBareArray(route: RestRoute, input: z.ZodType): z.ZodType {
  const field = route.bareArrayOf;
  if (!field) return input;
  // z.preprocess: the documented side is what the wrapping step hands on.
  const wrapped = input instanceof z.ZodPipe ? input.out : input;
  const list = wrapped instanceof z.ZodObject ? wrapped.shape[field] : undefined;
  if (!(list instanceof z.ZodArray)) {
    throw new Error(`${route.procedure}: bareArrayOf '${field}' is not an array field`);
  }
  return z.union([wrapped, list]);
}

export function deriveRouteSchemas(router: AnyRouter, route: RestRoute): RouteSchemas {
  const def = procedureDef(router, route.procedure);
  const input = procedureInput(route.procedure, def.inputs);
  const output = isSchema(def.output) ? def.output : undefined;
  const params = pathParams(route, input);
  const inQuery = route.method === 'GET' || route.method === 'DELETE';
  const omitted = [...params.map((p) => p.field), ...(route.restOmits ?? [])];

  if (!(input instanceof z.ZodObject)) {
    if (params.length > 0) throw new Error(`${route.procedure}: path parameters need an object`);
    if (input && inQuery) throw new Error(`${route.procedure}: a non-object input is a body`);
    return {
      params,
      ...(input ? { body: withBareArray(route, input) } : {}),
      rawBody: true,
      ...(output ? { output } : {}),
      toInput: (parts) => parts.body,
    };
  }

  // The field names are only known at run time; zod throws on one the input lacks.
  const mask = Object.fromEntries(omitted.map((f) => [f, true])) as z.core.util.Mask<string>;
  const rest = input.omit(mask);
  const hasFields = Object.keys(rest.shape).length > 0;
  const query = inQuery && hasFields ? rest : undefined;
  const body = inQuery || !hasFields ? undefined : rest;
  const queryKeys = query ? Object.keys(query.shape) : [];
  const restOmits = route.restOmits ?? [];
  return {
    params,
    ...(query ? { query } : {}),
    ...(body ? { body } : {}),
    rawBody: false,
    ...(output ? { output } : {}),
    toInput: (parts) => {
      const fields: Record<string, unknown> = inQuery
        ? {}
        : without(asObject(parts.body), restOmits);
      const fromQuery = queryKeys.filter((k) => parts.query.has(k));
      const queried = Object.fromEntries(fromQuery.map((k) => [k, parts.query.get(k)]));
      const fromPath = Object.fromEntries(params.map((p) => [p.field, parts.params[p.name]]));
      return { ...fields, ...queried, ...fromPath };
    },
  };
}

/** Derived once at load: a route its procedure cannot back fails the boot, not a request. */
const SCHEMAS = new Map(REST_ROUTES.map((r) => [r, deriveRouteSchemas(appRouter, r)]));

export function schemasOf(route: RestRoute): RouteSchemas {
  const schemas = SCHEMAS.get(route);
  if (!schemas) throw new Error(`${route.procedure}: not a route of REST_ROUTES`);
  return schemas;
}
