import { errorBody, HEADERS_TOO_LARGE, ref } from './openapi-components';

/**
 * The server's own paths beside the REST route table (transport/health.ts, metrics-route.ts,
 * this document): no procedure backs them, so their bodies are written out here. The REST
 * suites' responses are checked against them like any other (server/test/support).
 */

const requestId = { 'X-Request-Id': ref('headers', 'XRequestId') };
const json = (schema: unknown) => ({ 'application/json': { schema } });

const since = {
  timestamp: { type: 'string', format: 'date-time' },
  uptime_seconds: { type: 'integer', minimum: 0 },
};

const HEALTH_SCHEMAS = {
  Health: {
    type: 'object',
    required: ['status', 'timestamp', 'uptime_seconds', 'version'],
    properties: { status: { const: 'healthy' }, ...since, version: { type: 'string' } },
  },
  Liveness: {
    type: 'object',
    required: ['status', 'timestamp', 'uptime_seconds'],
    properties: { status: { const: 'alive' }, ...since },
  },
  Readiness: {
    type: 'object',
    required: ['status', 'timestamp', 'uptime_seconds', 'services'],
    properties: {
      status: { enum: ['ready', 'not_ready'] },
      ...since,
      services: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'healthy', 'latency_ms'],
          properties: {
            name: { type: 'string', description: 'The dependency: `store:memory`, `store:redis`' },
            healthy: { type: 'boolean' },
            latency_ms: { type: 'integer', minimum: 0 },
            error: { type: 'string', description: 'Why the probe failed' },
          },
        },
      },
    },
  },
  OpenApiDocument: {
    type: 'object',
    required: ['openapi', 'info', 'paths'],
    properties: {
      openapi: { type: 'string' },
      info: { type: 'object' },
      paths: { type: 'object' },
    },
  },
};

/**
 * These answer whatever the request says, so their only 4xx are Node's own: a request whose
 * headers (HTTP_HEADERS_TIMEOUT_MS) or whole (HTTP_REQUEST_TIMEOUT_MS) did not arrive in time,
 * or whose headers are too large.
 */
const NODE_ANSWERS = {
  '408': {
    description:
      'The request did not arrive within HTTP_HEADERS_TIMEOUT_MS / HTTP_REQUEST_TIMEOUT_MS: Node answers without a body and closes the connection',
  },
  '431': HEADERS_TOO_LARGE,
};

function get(operationId: string, tag: string, summary: string, responses: object) {
  return {
    get: {
      operationId,
      tags: [tag],
      summary,
      security: [],
      responses: { ...responses, ...NODE_ANSWERS },
    },
  };
}

const ok = (description: string, schema: string) => ({
  description,
  headers: requestId,
  content: json(ref('schemas', schema)),
});

const FIXED_PATHS = {
  '/health': get('health', 'Health', 'Process summary: status, version and uptime', {
    '200': ok('The process is up', 'Health'),
  }),
  '/health/live': get('health.live', 'Health', 'Liveness: the process answers', {
    '200': ok('The process is up', 'Liveness'),
  }),
  '/health/ready': get(
    'health.ready',
    'Health',
    'Readiness: every dependency (the store) answered a probe within 2 s',
    {
      '200': ok('Every dependency answered', 'Readiness'),
      '503': ok('A dependency did not answer; `services` says which', 'Readiness'),
    },
  ),
  '/metrics': {
    get: {
      operationId: 'metrics',
      tags: ['Operations'],
      summary: 'Prometheus metrics (text exposition format)',
      description:
        'Open unless the server sets `METRICS_TOKEN`; then its bearer token is required.',
      security: [{}, { metricsToken: [] }],
      responses: {
        '200': {
          description: 'The metrics, in the Prometheus text format',
          headers: requestId,
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
        '401': {
          description: '`METRICS_TOKEN` is set and the request does not carry it (UNAUTHORIZED)',
          headers: requestId,
          content: json(errorBody(['UNAUTHORIZED'])),
        },
        ...NODE_ANSWERS,
      },
    },
  },
  '/api/v1/openapi.json': get('openapi', 'Operations', 'This document (OpenAPI 3.1)', {
    '200': ok('The OpenAPI document', 'OpenApiDocument'),
  }),
};

export { FIXED_PATHS, HEALTH_SCHEMAS };
