import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerCredentials } from '../context';
import { AppError } from '../errors';
import type { AppMetrics } from '../metrics/registry';
import { hashToken, tokenMatches } from '../services/tokens';
import { sendError } from './respond';

/** GET /metrics: the Prometheus text format, behind `Authorization: Bearer METRICS_TOKEN` when set. */
export function createMetricsHandler(metrics: AppMetrics, token: string | undefined) {
  const expected = token === undefined ? undefined : hashToken(token);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.resume();
    if (expected !== undefined) {
      const presented = bearerCredentials(req.headers.authorization).adminToken;
      if (presented === undefined || !tokenMatches(presented, expected)) {
        const err = new AppError(
          'UNAUTHORIZED',
          'Metrics token required: Authorization: Bearer <METRICS_TOKEN>',
        );
        sendError(res, err, { 'www-authenticate': 'Bearer' });
        return;
      }
    }
    const body = await metrics.scrape();
    res.writeHead(200, {
      'content-type': metrics.registry.contentType,
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
