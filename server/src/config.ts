import { z } from 'zod';
import { loadMapping, MappingError } from './catalog/mapping';
import { isoCurrency } from './catalog/price';
import { loadSynonymsFile, SynonymsFileError } from './lexicon/synonyms-file';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** Every environment variable the server reads, with its default. The README table mirrors it. */
export const ConfigSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** `pretty` (pino-pretty) for a terminal; `json` lines otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).default('json'),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(
        /^rediss?:\/\/|^[^,]+:\d+(,[^,]+:\d+)*$/,
        'must be a redis:// URL (or host:port list with REDIS_CLUSTER)',
      )
      .optional(),
  ),
  REDIS_CLUSTER: bool.default(false),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ or -')
    .default('aisle'),
  REDIS_COMMAND_TIMEOUT_MS: int(50, 60_000).default(1000),
  SESSION_TTL_SECONDS: int(1, 365 * 86400).default(86_400),
  CONVERSATION_TTL_SECONDS: int(1, 365 * 86400).default(7_200),
  SESSION_TOUCH_INTERVAL_SECONDS: int(0, 3600).default(60),
  MAX_HISTORY_MESSAGES: int(2, 10_000).default(500),
  MEMORY_MAX_SESSIONS: int(1, 10_000_000).default(10_000),
  CACHE_TTL_SECONDS: int(1, 30 * 86400).default(3600),
  CORS_ORIGINS: optionalString,
  RATE_LIMIT_ENABLED: bool.default(true),
  RATE_LIMIT_QUERY_PER_MINUTE: int(1, 1_000_000).default(30),
  RATE_LIMIT_WRITE_PER_MINUTE: int(1, 1_000_000).default(120),
  RATE_LIMIT_IP_PER_MINUTE: int(1, 1_000_000).default(300),
  RATE_LIMIT_READ_PER_MINUTE: int(1, 1_000_000).default(1200),
  TRUST_PROXY: bool.default(false),
  /** The store's own policy documents (JSON); see bootstrap/knowledge.ts. */
  KNOWLEDGE_FILE: optionalString,
  ADMIN_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: optionalString.pipe(
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  /** When set, traces are exported there (OTLP/HTTP, `<endpoint>/v1/traces`); unset, none are. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  OTEL_SERVICE_NAME: z.string().trim().min(1).default('aisle'),
  /** The store's own synonyms (JSON), seeded into an empty store; see lexicon/synonyms-file.ts. */
  SYNONYMS_FILE: optionalString.transform((value, ctx) => {
    if (value === undefined) return undefined;
    try {
      return loadSynonymsFile(value);
    } catch (error) {
      if (!(error instanceof SynonymsFileError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  }),
  /** A file, or a directory of a store's export files (catalog/catalog-source.ts). */
  CATALOG_FILE: optionalString,
  /** JSON file path or inline JSON naming source columns, derivations and joins (catalog/mapping.ts). */
  CATALOG_MAPPING: optionalString.transform((value, ctx) => {
    if (value === undefined) return undefined;
    try {
      return loadMapping(value);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  }),
  /** ISO 4217 code of the store's prices; unset = the most common currency found in the catalog. */
  CATALOG_CURRENCY: optionalString.pipe(
    z
      .string()
      .transform((v) => isoCurrency(v) ?? '')
      .pipe(z.string().min(1, 'must be an ISO 4217 currency code such as USD, EUR, GBP'))
      .optional(),
  ),
  LLM_PROVIDER: z.enum(['auto', 'local', 'openai']).default('auto'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url('must be a URL').optional()),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: int(100, 600_000).default(30_000),
  OPENAI_MAX_CONCURRENCY: int(1, 1000).default(8),
  CONTEXT_TOKENS: int(200, 200_000).default(3000),
  STRICT_INPUT: bool.default(false),
  SHUTDOWN_TIMEOUT_MS: int(0, 120_000).default(10_000),
  HTTP_HEADERS_TIMEOUT_MS: int(100, 600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: int(100, 3_600_000).default(30_000),
  HTTP_BODY_IDLE_TIMEOUT_MS: int(100, 600_000).default(10_000),
  WS_MAX_CONNECTIONS_PER_IP: int(1, 1_000_000).default(200),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: int(1, 10_000).default(20),
  WS_MAX_BUFFERED_BYTES: int(1024, 1_073_741_824).default(1_048_576),
  WS_KEEPALIVE_MS: int(100, 600_000).default(30_000),
  /** REST also sets the session token as an HttpOnly cookie (transport/session-cookie.ts). */
  SESSION_COOKIE: bool.default(true),
  /** Each session's cookie is `<SESSION_COOKIE_NAME>_<sessionId>`. */
  SESSION_COOKIE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ or -')
    .default('aisle_session'),
  /** At most this many session cookies per browser: a new one expires the oldest. */
  SESSION_COOKIE_MAX: int(1, 50).default(10),
  /** Mark the cookie Secure even when the request is not seen as HTTPS. */
  COOKIE_SECURE: bool.default(false),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; the error names each bad variable on one line. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.shape).flatMap((k) => (env[k] === undefined ? [] : [[k, env[k]]])),
  );
  const parsed = ConfigSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'config');
      return `${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const config = parsed.data;
  if (config.HTTP_HEADERS_TIMEOUT_MS > config.HTTP_REQUEST_TIMEOUT_MS) {
    // Node refuses to start a server whose headers may take longer than the whole request.
    throw new ConfigError(
      'Invalid configuration: HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS',
    );
  }
  if (config.CATALOG_MAPPING && !config.CATALOG_FILE) {
    throw new ConfigError('Invalid configuration: CATALOG_MAPPING needs CATALOG_FILE');
  }
  if (config.LLM_PROVIDER === 'openai' && !config.OPENAI_API_KEY) {
    throw new ConfigError('Invalid configuration: LLM_PROVIDER=openai needs OPENAI_API_KEY');
  }
  return config;
}

export const llmProviderOf = (c: Config): 'local' | 'openai' =>
  c.LLM_PROVIDER === 'auto' ? (c.OPENAI_API_KEY ? 'openai' : 'local') : c.LLM_PROVIDER;
