import {
  CartSchema,
  ConversationSchema,
  CreatedSessionSchema,
  DeletedSchema,
  PreferencesPatchSchema,
  PreferencesResultSchema,
  QuantitySchema,
  QueryResultSchema,
  SessionIdSchema,
  SessionInfoSchema,
  SkuSchema,
} from '@aisle/shared';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../../errors';
import { DocumentsInputSchema } from '../../knowledge/documents-input';

/** What the adapter extracts from a request; `input` turns it into the procedure's input. */
export interface RestRequestParts {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface RestRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** `{name}` segments are path parameters. */
  path: string;
  /** The tRPC procedure this route calls through the server-side caller. */
  procedure: string;
  kind: 'call' | 'stream';
  /** The procedure stops its work (a model call) when the client leaves: it gets a signal. */
  cancellable?: true;
  summary: string;
  input: (parts: RestRequestParts) => unknown;
  /** For OpenAPI: the JSON body and the query string, when the route takes them. */
  body?: z.ZodType;
  query?: z.ZodType;
  output: z.ZodType;
  /** Error codes this route can answer with, besides validation and store errors. */
  errors: ErrorCode[];
  auth: 'session' | 'optional-session' | 'admin' | 'none';
}

const obj = (body: unknown): Record<string, unknown> =>
  body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};

const SESSION_ERRORS: ErrorCode[] = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'SESSION_NOT_FOUND',
  'RATE_LIMITED',
];
const withId = (p: RestRequestParts) => ({ sessionId: p.params.id });
const withIdAndBody = (p: RestRequestParts) => ({ ...obj(p.body), sessionId: p.params.id });

const QueryBody = z.object({ q: z.string(), sessionId: SessionIdSchema.optional() });
const CartAddBody = z.object({
  sku: SkuSchema,
  quantity: z.number().int().min(1).max(999).optional(),
  name: z.string().optional().describe('Ignored: the catalog names the product'),
  price: z.number().optional().describe('Ignored: the catalog prices the product'),
  category: z.string().optional().describe('Ignored: the catalog categorises the product'),
});

/** The documented /api/v1/shopping paths, each onto one procedure. */
export const REST_ROUTES: RestRoute[] = [
  {
    method: 'POST',
    path: '/query',
    procedure: 'shopping.query',
    kind: 'call',
    cancellable: true,
    summary: 'QuestionFocus the assistant (creates a session when none or an unknown id is given)',
    input: (p) => obj(p.body),
    body: QueryBody,
    output: QueryResultSchema,
    errors: ['UNAUTHORIZED', 'FORBIDDEN', 'RATE_LIMITED', 'UNSAFE_INPUT', 'MODEL_UNAVAILABLE'],
    auth: 'optional-session',
  },
  {
    method: 'POST',
    path: '/query/stream',
    procedure: 'shopping.queryStream',
    kind: 'stream',
    cancellable: true,
    summary:
      'QuestionFocus the assistant and stream the answer as server-sent events (meta, token, done)',
    input: (p) => obj(p.body),
    body: QueryBody,
    output: QueryResultSchema,
    errors: ['UNAUTHORIZED', 'FORBIDDEN', 'RATE_LIMITED', 'UNSAFE_INPUT', 'MODEL_UNAVAILABLE'],
    auth: 'optional-session',
  },
  {
    method: 'POST',
    path: '/session',
    procedure: 'session.create',
    kind: 'call',
    summary: 'Create a session and its token',
    input: (p) => obj(p.body),
    body: z.object({ sessionId: SessionIdSchema.optional() }),
    output: CreatedSessionSchema,
    errors: ['CONFLICT', 'RATE_LIMITED'],
    auth: 'none',
  },
  {
    method: 'GET',
    path: '/session/{id}/info',
    procedure: 'session.info',
    kind: 'call',
    summary: 'Session info, preferences, cart and analytics',
    input: withId,
    output: SessionInfoSchema,
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'GET',
    path: '/session/{id}/conversation',
    procedure: 'session.conversation',
    kind: 'call',
    summary: 'The newest messages in chronological order; `before` pages back',
    input: (p) => ({
      sessionId: p.params.id,
      ...(p.query.has('limit') ? { limit: p.query.get('limit') } : {}),
      ...(p.query.has('before') ? { before: p.query.get('before') } : {}),
    }),
    query: z.object({
      limit: z.number().int().min(1).max(100).default(20),
      before: z.iso.datetime().optional(),
    }),
    output: ConversationSchema,
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'POST',
    path: '/session/{id}/preferences',
    procedure: 'preferences.update',
    kind: 'call',
    summary: 'Merge preferences (fields not sent keep their value)',
    input: withIdAndBody,
    body: PreferencesPatchSchema,
    output: PreferencesResultSchema,
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'GET',
    path: '/session/{id}/preferences',
    procedure: 'preferences.get',
    kind: 'call',
    summary: 'Current preferences',
    input: withId,
    output: PreferencesResultSchema,
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'GET',
    path: '/session/{id}/cart',
    procedure: 'cart.get',
    kind: 'call',
    summary: 'The cart',
    input: withId,
    output: CartSchema,
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'POST',
    path: '/session/{id}/cart/add',
    procedure: 'cart.add',
    kind: 'call',
    summary: 'Add a product by SKU (priced from the catalog)',
    input: withIdAndBody,
    body: CartAddBody,
    output: CartSchema,
    errors: [...SESSION_ERRORS, 'UNKNOWN_SKU'],
    auth: 'session',
  },
  {
    method: 'DELETE',
    path: '/session/{id}/cart/clear',
    procedure: 'cart.clear',
    kind: 'call',
    summary: 'Empty the cart',
    input: withId,
    output: CartSchema,
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'DELETE',
    path: '/session/{id}/cart/items/{sku}',
    procedure: 'cart.remove',
    kind: 'call',
    summary: 'Remove a line',
    input: (p) => ({ sessionId: p.params.id, sku: p.params.sku }),
    output: CartSchema,
    errors: [...SESSION_ERRORS, 'NOT_FOUND'],
    auth: 'session',
  },
  {
    method: 'PATCH',
    path: '/session/{id}/cart/items/{sku}',
    procedure: 'cart.setQuantity',
    kind: 'call',
    summary: "Set a line's quantity (0 removes it)",
    input: (p) => ({ ...obj(p.body), sessionId: p.params.id, sku: p.params.sku }),
    body: z.object({ quantity: QuantitySchema }),
    output: CartSchema,
    errors: [...SESSION_ERRORS, 'NOT_FOUND'],
    auth: 'session',
  },
  {
    method: 'DELETE',
    path: '/session/{id}',
    procedure: 'session.delete',
    kind: 'call',
    summary: 'Erase everything of the session',
    input: withId,
    output: DeletedSchema,
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'POST',
    path: '/add-documents',
    procedure: 'admin.addDocuments',
    kind: 'call',
    summary: 'Add or replace knowledge-base documents (admin token)',
    // A bare array is accepted as well as {"documents": [...]}.
    input: (p) => p.body,
    body: DocumentsInputSchema,
    output: z.object({ count: z.number().int(), processed_ids: z.array(z.string()) }),
    errors: ['UNAUTHORIZED', 'FORBIDDEN'],
    auth: 'admin',
  },
];

export interface MatchedRoute {
  route: RestRoute;
  params: Record<string, string>;
}

function decodePart(raw: string, name: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('VALIDATION_ERROR', `Path parameter '${name}' is not valid URL encoding`, {
      issues: [{ path: name, message: 'invalid percent-encoding' }],
    });
  }
}

interface Compiled {
  route: RestRoute;
  pattern: RegExp;
  names: string[];
}

const compiled: Compiled[] = REST_ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`), names };
});

/** The route for a path and method; `allowed` lists methods when only the method is wrong. */
export function matchRoute(
  method: string,
  path: string,
): { match?: MatchedRoute; allowed: string[] } {
  const allowed: string[] = [];
  for (const c of compiled) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    allowed.push(c.route.method);
    if (c.route.method !== method) continue;
    const params: Record<string, string> = {};
    c.names.forEach((name, i) => {
      params[name] = decodePart(m[i + 1] ?? '', name);
    });
    return { match: { route: c.route, params }, allowed };
  }
  return { allowed };
}
