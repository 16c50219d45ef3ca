/**
 * Fields pino replaces with "[redacted]" wherever a line carries them: credentials under the
 * names the code and HTTP use. Bodies and raw headers are never logged in the first place;
 * this is the net under that rule.
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'token',
  'sessionToken',
  'session_token',
  'adminToken',
  'admin_token',
  'password',
  'apiKey',
  '"x-session-token"',
  '"set-cookie"',
];

export const REDACT_PATHS: string[] = SECRET_KEYS.flatMap((key) => {
  const path = key.startsWith('"') ? `[${key}]` : key;
  const nested = key.startsWith('"') ? `*[${key}]` : `*.${key}`;
  return [path, nested];
});
