import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApi } from '../../src/transport/rest/openapi';

/**
 * Checks a response the tests received against the OpenAPI document the server serves: its
 * path and method are documented, its status is one the operation declares, its content type,
 * its body (JSON with ajv, each server-sent event and its JSON data for a stream) and its
 * headers (required ones present, the API's own ones declared) are as documented. Wired into
 * the test app's `rest()` (support/app.ts), so every REST suite checks the document as it runs
 * and neither can drift from the other.
 */

type Json = Record<string, unknown>;

export interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: Headers;
  text: string;
}

export interface CheckOptions {
  /** The test asks for a path outside the API on purpose: it must be undocumented. */
  undocumentedPath?: boolean;
}

const doc = buildOpenApi() as unknown as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Json; headers: Json; parameters: Json };
};

const SCHEMAS_ID = 'urn:aisle:openapi:schemas';

/** The document's `#/components/schemas/X` refs, pointed at the one schema ajv holds them in. */
function relink(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relink);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')
        ? `${SCHEMAS_ID}#/$defs/${value.slice('#/components/schemas/'.length)}`
        : relink(value);
  }
  return out;
}

// Strict, so a schema ajv would not understand fails loudly; union types (`type: [a, b]`)
// are plain JSON Schema that zod emits.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addSchema({ $id: SCHEMAS_ID, $defs: relink(doc.components.schemas) });

/** By content: the many alike error bodies and headers of the document compile once. */
const compiled = new Map<string, ValidateFunction>();
function validatorFor(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(relink(schema) as Json);
    compiled.set(key, validate);
  }
  return validate;
}

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`)
    .join('; ');

/** Resolves a `#/components/...` reference of the document (headers, schemas). */
function deref(node: unknown): Json {
  const ref = (node as { $ref?: string }).$ref;
  if (!ref) return node as Json;
  const [, , kind, name] = ref.split('/');
  const target = (doc.components as Record<string, Json>)[kind ?? '']?.[name ?? ''];
  if (!target) throw new Error(`the document refers to ${ref}, which it does not hold`);
  return target as Json;
}

const TEMPLATES = Object.keys(doc.paths).map((template) => {
  const source = template.replace(/[.+*?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
  // The REST adapter also answers a path with a trailing slash.
  return { template, pattern: new RegExp(`^${source}/?$`) };
});

const pathTemplate = (pathname: string) =>
  TEMPLATES.find((t) => t.pattern.test(pathname))?.template;

/** Headers of the API itself: whenever a response carries one, its documentation must say so. */
const API_HEADERS = ['x-session-token', 'retry-after', 'x-request-id', 'set-cookie'];

/** One event of a stream's item schema (a `oneOf` branch): its name and its data's schema. */
interface StreamBranch {
  properties?: { event?: { const?: string }; data?: { contentSchema?: Json } };
}

interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Server-sent events as the media type registry models them: the fields of each event. */
function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const lines = block.split(/\r?\n/).filter((l) => l !== '' && !l.startsWith(':'));
    if (lines.length === 0) continue;
    const event: SseEvent = { event: 'message', data: '' };
    const data: string[] = [];
    for (const line of lines) {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event.event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') event.id = value;
    }
    event.data = data.join('\n');
    events.push(event);
  }
  return events;
}

function checkJson(schema: unknown, text: string, problems: string[]) {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push(`body is not JSON: ${text.slice(0, 200)}`);
    return;
  }
  const validate = validatorFor(schema);
  if (!validate(body)) {
    problems.push(`body does not match: ${describeErrors(validate.errors)}`);
  }
}

/** Each event against the stream's item schema, then its `data` against its own contentSchema. */
function checkSse(schema: Json, text: string, problems: string[]) {
  const items = (schema.contentSchema as { items?: unknown } | undefined)?.items;
  if (!items) {
    problems.push('the document gives the event stream no item schema');
    return;
  }
  const branches = (deref(items).oneOf ?? deref(items).anyOf ?? []) as Json[];
  const events = parseSse(text);
  if (events.length === 0) problems.push('the event stream is empty');
  events.forEach((ev, i) => {
    const validate = validatorFor(items);
    if (!validate({ ...ev })) {
      problems.push(`event ${i} (${ev.event}) does not match: ${describeErrors(validate.errors)}`);
      return;
    }
    // The branch this event is: by name, and by its data where events share a name.
    const branch = (branches as StreamBranch[]).find(
      (b) => b.properties?.event?.const === ev.event && validatorFor(b)({ ...ev }),
    );
    const dataSchema = branch?.properties?.data?.contentSchema;
    if (!dataSchema) return;
    const before = problems.length;
    checkJson(dataSchema, ev.data, problems);
    for (let p = before; p < problems.length; p++) {
      problems[p] = `event ${i} (${ev.event}) data: ${problems[p]}`;
    }
  });
}

function checkHeaders(declared: Json, headers: Headers, problems: string[]) {
  const names = new Set(Object.keys(declared).map((n) => n.toLowerCase()));
  for (const [name, raw] of Object.entries(declared)) {
    const header = deref(raw);
    const value = headers.get(name);
    if (value === null) {
      if (header.required) problems.push(`required header ${name} is missing`);
      continue;
    }
    const schema = header.schema as { type?: string };
    const parsed = schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
    const validate = validatorFor(schema);
    if (!validate(parsed)) {
      problems.push(`header ${name}: ${value} does not match: ${describeErrors(validate.errors)}`);
    }
  }
  for (const name of API_HEADERS) {
    if (headers.has(name) && !names.has(name)) problems.push(`header ${name} is not documented`);
  }
}

/** A method the path does not document: must be the 405 naming exactly the documented ones. */
function checkMethodNotAllowed(x: Exchange, template: string, problems: string[]) {
  const documented = Object.keys(doc.paths[template] ?? {}).map((m) => m.toUpperCase());
  if (x.status !== 405) {
    problems.push(`${x.method} is not documented on ${template} (it answered ${x.status})`);
    return;
  }
  const allow = (x.headers.get('allow') ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '' && m !== 'HEAD');
  if ([...allow].sort().join() !== [...documented].sort().join()) {
    problems.push(`Allow: ${allow.join(', ')} but the document has ${documented.join(', ')}`);
  }
  checkJson({ $ref: '#/components/schemas/ErrorResponse' }, x.text, problems);
}

/**
 * Every schema compiled once, when a test file loads: compiling on first use would add tens of
 * milliseconds to whichever request a test happens to time.
 */
function compileAll() {
  validatorFor({ $ref: '#/components/schemas/ErrorResponse' });
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops)) {
      const responses = (op as { responses: Record<string, Json> }).responses;
      for (const response of Object.values(responses)) {
        for (const raw of Object.values((response.headers ?? {}) as Json)) {
          const schema = deref(raw).schema;
          validatorFor(schema);
        }
        const content = (response.content ?? {}) as Record<string, { schema: Json }>;
        for (const [type, media] of Object.entries(content)) {
          if (type !== 'text/event-stream') {
            validatorFor(media.schema);
            continue;
          }
          const items = (media.schema.contentSchema as { items: unknown }).items;
          validatorFor(items);
          for (const branch of (deref(items).oneOf ?? deref(items).anyOf ?? []) as StreamBranch[]) {
            const event = branch.properties?.event?.const;
            const data = branch.properties?.data?.contentSchema;
            if (event && data) validatorFor(data);
          }
        }
      }
    }
  }
}
compileAll();

/** What in this exchange the document does not say; empty when it says all of it. */
export function openApiProblems(x: Exchange, options: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const pathname = new URL(x.url).pathname;
  const template = pathTemplate(pathname);
  if (options.undocumentedPath) {
    if (template) problems.push(`${pathname} is documented (as ${template})`);
    else checkJson({ $ref: '#/components/schemas/ErrorResponse' }, x.text, problems);
    return problems;
  }
  if (!template) return [`${pathname} is not a documented path`];
  const head = x.method === 'HEAD';
  const method = head ? 'get' : x.method.toLowerCase();
  const op = doc.paths[template]?.[method] as { responses: Record<string, Json> } | undefined;
  if (!op) {
    checkMethodNotAllowed(x, template, problems);
    return problems;
  }
  const response = op.responses[String(x.status)] ?? op.responses[`${String(x.status)[0]}XX`];
  if (!response) {
    const declared = Object.keys(op.responses).join(', ');
    return [`status ${x.status} is not documented for ${x.method} ${template} (${declared})`];
  }
  checkHeaders((response.headers ?? {}) as Json, x.headers, problems);
  const content = response.content as Record<string, { schema: Json }> | undefined;
  if (head) return problems;
  if (!content) {
    if (x.text !== '') problems.push(`a body where the document declares none: ${x.text}`);
    return problems;
  }
  const type = (x.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const media = content[type];
  if (!media) {
    problems.push(`content type ${type || '(none)'}, documented: ${Object.keys(content).join()}`);
    return problems;
  }
  if (type === 'application/json') checkJson(media.schema, x.text, problems);
  else if (type === 'text/event-stream') checkSse(media.schema, x.text, problems);
  else checkJson(media.schema, JSON.stringify(x.text), problems);
  return problems;
}

/** Throws, naming every mismatch, unless the document says exactly what happened. */
export function assertDocumented(x: Exchange, options: CheckOptions = {}): void {
  const problems = openApiProblems(x, options);
  if (problems.length === 0) return;
  const where = `${x.method} ${new URL(x.url).pathname} -> ${x.status}`;
  throw new Error(`${where} does not match the OpenAPI document:\n  - ${problems.join('\n  - ')}`);
}

/** For a test that fetches by itself: reads the body, checks the exchange, returns the text. */
export async function readDocumented(res: Response, method: string): Promise<string> {
  const text = await res.text();
  assertDocumented({ method, url: res.url, status: res.status, headers: res.headers, text });
  return text;
}
