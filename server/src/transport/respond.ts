import type { ServerResponse } from 'node:http';
import { type PublicError, publicError } from '../error-map';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/** The REST error envelope: {"success": false, "error": {code, message, issues?}}. */
export function sendError(res: ServerResponse, err: unknown, headers: Record<string, string> = {}) {
  const pub: PublicError = publicError(err);
  const extra: Record<string, string> = { ...headers };
  if (pub.retryAfterSeconds !== undefined) extra['retry-after'] = String(pub.retryAfterSeconds);
  sendJson(
    res,
    pub.status,
    {
      success: false,
      error: {
        code: pub.code,
        message: pub.message,
        ...(pub.issues ? { issues: pub.issues } : {}),
      },
    },
    extra,
  );
}
