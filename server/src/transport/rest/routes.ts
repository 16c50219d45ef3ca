import { AppError, type ErrorCode } from '../../errors';

/**
 * A REST path onto one procedure. Its body, query and response schemas are not declared
 * here: they are read from the procedure (see route-schemas.ts), so they cannot drift.
 */
export interface RestRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** `{name}` segments are path parameters, each filling one field of the procedure's input. */
  path: string;
  /** The tRPC procedure this route calls through the server-side caller. */
  procedure: string;
  kind: 'call' | 'stream';
  /** The procedure stops its work (a model call) when the client leaves: it gets a signal. */
  cancellable?: true;
  summary: string;
  /** Input fields that mean nothing over REST: neither documented nor passed on. */
  restOmits?: readonly string[];
  /** The procedure also reads a bare array as this field of its object input. */
  bareArrayOf?: string;
  /** Error codes this route can answer with, besides validation and store errors. */
  errors: ErrorCode[];
  auth: 'session' | 'optional-session' | 'admin' | 'none';
}

/** A wrong token answers 404 like a missing session: no route tells whether an id exists. */
const SESSION_ERRORS: ErrorCode[] = ['UNAUTHORIZED', 'SESSION_NOT_FOUND', 'RATE_LIMITED'];

/** The documented /api/v1/shopping paths, each onto one procedure. */
export const REST_ROUTES: RestRoute[] = [
  {
    method: 'POST',
    path: '/query',
    procedure: 'shopping.query',
    kind: 'call',
    cancellable: true,
    summary: 'Ask the assistant (creates a session when no sessionId is given)',
    errors: [...SESSION_ERRORS, 'UNSAFE_INPUT', 'MODEL_UNAVAILABLE'],
    auth: 'optional-session',
  },
  {
    method: 'POST',
    path: '/query/stream',
    procedure: 'shopping.queryStream',
    kind: 'stream',
    cancellable: true,
    summary: 'Ask the assistant and stream the answer as server-sent events (meta, token, done)',
    errors: [...SESSION_ERRORS, 'UNSAFE_INPUT', 'MODEL_UNAVAILABLE', 'NOT_FOUND'],
    auth: 'optional-session',
  },
  {
    method: 'GET',
    path: '/session/{id}/answers/{answerId}/stream',
    procedure: 'shopping.answerStream',
    kind: 'stream',
    summary: 'Read an answer of the session back as server-sent events (for EventSource)',
    errors: [...SESSION_ERRORS, 'NOT_FOUND'],
    auth: 'session',
  },
  {
    method: 'POST',
    path: '/session',
    procedure: 'session.create',
    kind: 'call',
    summary: 'Create a session and its token',
    errors: ['CONFLICT', 'RATE_LIMITED'],
    auth: 'none',
  },
  {
    method: 'GET',
    path: '/session/{id}/info',
    procedure: 'session.info',
    kind: 'call',
    summary: 'Session info, preferences, cart and analytics',
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'GET',
    path: '/session/{id}/conversation',
    procedure: 'session.conversation',
    kind: 'call',
    summary: 'The newest messages in chronological order; `before` pages back',
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'POST',
    path: '/session/{id}/preferences',
    procedure: 'preferences.update',
    kind: 'call',
    summary: 'Merge preferences (fields not sent keep their value)',
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'GET',
    path: '/session/{id}/preferences',
    procedure: 'preferences.get',
    kind: 'call',
    summary: 'Current preferences',
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'GET',
    path: '/session/{id}/cart',
    procedure: 'cart.get',
    kind: 'call',
    summary: 'The cart',
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'POST',
    path: '/session/{id}/cart/add',
    procedure: 'cart.add',
    kind: 'call',
    summary: 'Add a product by SKU (priced from the catalog)',
    errors: [...SESSION_ERRORS, 'UNKNOWN_SKU'],
    auth: 'session',
  },
  {
    method: 'DELETE',
    path: '/session/{id}/cart/clear',
    procedure: 'cart.clear',
    kind: 'call',
    summary: 'Empty the cart',
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'DELETE',
    path: '/session/{id}/cart/items/{sku}',
    procedure: 'cart.remove',
    kind: 'call',
    summary: 'Remove a line',
    errors: [...SESSION_ERRORS, 'NOT_FOUND'],
    auth: 'session',
  },
  {
    method: 'PATCH',
    path: '/session/{id}/cart/items/{sku}',
    procedure: 'cart.setQuantity',
    kind: 'call',
    summary: "Set a line's quantity (0 removes it)",
    errors: [...SESSION_ERRORS, 'NOT_FOUND'],
    auth: 'session',
  },
  {
    method: 'DELETE',
    path: '/session/{id}',
    procedure: 'session.delete',
    kind: 'call',
    summary: 'Erase everything of the session',
    errors: SESSION_ERRORS,
    auth: 'session',
  },
  {
    method: 'POST',
    path: '/add-documents',
    procedure: 'admin.addDocuments',
    kind: 'call',
    summary: 'Add or replace knowledge-base documents (admin token)',
    bareArrayOf: 'documents',
    errors: ['UNAUTHORIZED', 'FORBIDDEN'],
    auth: 'admin',
  },
  {
    method: 'GET',
    path: '/documents',
    procedure: 'admin.documents',
    kind: 'call',
    summary: 'List knowledge-base documents: id, title, size, last change (admin token)',
    errors: ['UNAUTHORIZED', 'FORBIDDEN'],
    auth: 'admin',
  },
  {
    method: 'POST',
    path: '/delete-documents',
    procedure: 'admin.deleteDocuments',
    kind: 'call',
    summary: 'Delete knowledge-base documents by id (admin token)',
    errors: ['UNAUTHORIZED', 'FORBIDDEN'],
    auth: 'admin',
  },
  {
    method: 'GET',
    path: '/catalog',
    procedure: 'catalog.info',
    kind: 'call',
    summary: 'The catalog’s currency, product count and version (public)',
    errors: [],
    auth: 'none',
  },
  {
    method: 'GET',
    path: '/synonyms',
    procedure: 'admin.synonyms',
    kind: 'call',
    summary: 'The store’s own synonyms and kinds, and their version (admin token)',
    errors: ['UNAUTHORIZED', 'FORBIDDEN'],
    auth: 'admin',
  },
  {
    method: 'POST',
    path: '/set-synonyms',
    procedure: 'admin.setSynonyms',
    kind: 'call',
    summary: 'Replace the store’s own synonyms and kinds (admin token)',
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
