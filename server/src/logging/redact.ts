/**
 * Fields pino replaces with "[redacted]" wherever a line carries them: credentials under the
 * names the code and HTTP use, at the top of a line or one level into the objects that hold
 * them. Bodies and raw headers are never logged in the first place; this is the net under
 * that rule. Explicit paths only: pino's `*.key` wildcards cost ~20 us a line (measured),
 * more than the rest of an access line.
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
  '["x-session-token"]',
  '["set-cookie"]',
];

const HOLDERS = [
  'headers',
  'req.headers',
  'res.headers',
  'input',
  'body',
  'params',
  'connectionParams',
  'config',
];

const under = (holder: string, key: string) =>
  key.startsWith('[') ? `${holder}${key}` : `${holder}.${key}`;

export const REDACT_PATHS: string[] = [
  ...SECRET_KEYS,
  ...HOLDERS.flatMap((holder) => SECRET_KEYS.map((key) => under(holder, key))),
];
