import { describe, expect, it } from 'vitest';
import { ConfigError, llmProviderOf, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.SESSION_TTL_SECONDS).toBe(86_400);
    expect(c.CONVERSATION_TTL_SECONDS).toBe(7_200);
    expect(c.RATE_LIMIT_ENABLED).toBe(true);
    expect(c.RATE_LIMIT_READ_PER_MINUTE).toBe(1200);
    expect(llmProviderOf(c)).toBe('local');
  });

  it('parses numbers, booleans and URLs', () => {
    const c = loadConfig({
      PORT: '8080',
      REDIS_URL: 'redis://localhost:6379/0',
      RATE_LIMIT_ENABLED: 'false',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1',
    });
    expect(c.PORT).toBe(8080);
    expect(c.REDIS_URL).toBe('redis://localhost:6379/0');
    expect(c.RATE_LIMIT_ENABLED).toBe(false);
    expect(llmProviderOf(c)).toBe('openai');
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ REDIS_URL: '', ADMIN_TOKEN: '' }).REDIS_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc', /PORT="abc": must be a number/],
    ['PORT', '70000', /PORT="70000": must be at most 65535/],
    ['SESSION_TTL_SECONDS', '0', /SESSION_TTL_SECONDS="0": must be at least 1/],
    ['RATE_LIMIT_ENABLED', 'maybe', /RATE_LIMIT_ENABLED="maybe": must be true or false/],
    ['REDIS_URL', 'http://x', /REDIS_URL="http:\/\/x"/],
    ['LLM_PROVIDER', 'claude', /LLM_PROVIDER="claude"/],
    ['RATE_LIMIT_READ_PER_MINUTE', '0', /RATE_LIMIT_READ_PER_MINUTE="0": must be at least 1/],
    ['RATE_LIMIT_READ_PER_MINUTE', 'lots', /RATE_LIMIT_READ_PER_MINUTE="lots": must be a number/],
    ['ADMIN_TOKEN', 'short', /ADMIN_TOKEN="short": must be at least 16 characters/],
    [
      'CATALOG_CURRENCY',
      'dollars',
      /CATALOG_CURRENCY="dollars": must be an ISO 4217 currency code/,
    ],
    [
      'CATALOG_MAPPING',
      '{"fields": {"colour": "c"}}',
      /CATALOG_MAPPING=.*Unrecognized key: "colour"/,
    ],
    ['CATALOG_MAPPING', 'no/such/mapping.json', /CATALOG_MAPPING=.*cannot read .*mapping\.json/],
  ])('names the variable when %s=%s is invalid', (name, value, pattern) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(pattern);
  });

  it('reports every invalid variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', HOST: '' })).toThrow(/PORT=.*; HOST=/);
  });

  it('refuses a headers timeout longer than the whole-request timeout', () => {
    expect(() =>
      loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }),
    ).toThrow(/HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS/);
  });

  it('reads CATALOG_MAPPING (inline or the shipped file) and CATALOG_CURRENCY', () => {
    const c = loadConfig({
      CATALOG_FILE: 'x.csv',
      CATALOG_MAPPING: '{"fields": {"sku": "code"}}',
      CATALOG_CURRENCY: 'gbp',
    });
    expect(c.CATALOG_MAPPING?.fields?.sku).toBe('code');
    expect(c.CATALOG_CURRENCY).toBe('GBP');
    const shipped = loadConfig({
      CATALOG_FILE: 'x',
      CATALOG_MAPPING: new URL('../../catalog-mappings/ocado-grocery.json', import.meta.url)
        .pathname,
    });
    expect(shipped.CATALOG_MAPPING?.joins).toHaveLength(2);
    expect(() => loadConfig({ CATALOG_MAPPING: '{"fields": {"sku": "code"}}' })).toThrow(
      /CATALOG_MAPPING needs CATALOG_FILE/,
    );
  });

  it('refuses LLM_PROVIDER=openai without a key', () => {
    expect(() => loadConfig({ LLM_PROVIDER: 'openai' })).toThrow(/OPENAI_API_KEY/);
  });
});
