/**
 * Logs benchmark: what the access log costs. Two servers (in-memory store), alike but for
 * LOG_LEVEL: `info` writes one pino access line per request (to /dev/null, through the same
 * async destination as stdout), `silent` writes none. Both still give every request its
 * X-Request-Id and request scope, so the difference is the line itself. Measured on
 * GET /health/live (the cheapest route, where the line weighs most) and REST cart.add,
 * 32 requests in flight, the two servers taking turns in 500 ms slices.
 *
 *   pnpm exec tsx scripts/bench/logs.ts [--quick]
 */
import type { Agent } from 'node:http';
import { createApp } from '../../server/src/app';
import { createLogger, fileDestination, type Logger } from '../../server/src/logger';
import { routeLabel } from '../../server/src/metrics/route-label';
import { benchConfig, isMain, quickMode, runAlone, withCleanup, withTarget } from './common';
import { type HttpCall, keepAliveAgent, runInterleaved, type Side, send, sendJson } from './load';
import { type BenchRow, compared, percentile } from './report';

const CONCURRENCY = 32;
/** The access line may cost at most this share of the cheapest route's throughput. */
const HEALTH_TARGET = 0.8;
const CART_TARGET = 0.9;

export async function benchLogs(): Promise<BenchRow[]> {
  const durationMs = quickMode() ? 2000 : 4000;
  return withCleanup(async (cleanup) => {
    // On a busy 2-core machine, A/A runs (both sides alike) differed by up to 1.7x on
    // /health/live: read the req/s rows with that in mind; the line's own CPU row is steadier.
    const off = await createApp(benchConfig({ LOG_LEVEL: 'silent' }), {
      log: createLogger('silent'),
    });
    cleanup.add('app (logs off)', () => off.close());
    const on = await createApp(benchConfig({ LOG_LEVEL: 'info' }), {
      log: createLogger('info', { destination: fileDestination('/dev/null') }),
    });
    cleanup.add('app (logs on)', () => on.close());
    const agents = { on: keepAliveAgent(CONCURRENCY), off: keepAliveAgent(CONCURRENCY) };
    cleanup.add('agents', () => {
      for (const a of Object.values(agents)) a.destroy();
    });

    const cartCall = async (agent: Agent, port: number) => {
      const created = (await sendJson(agent, port, {
        method: 'POST',
        path: '/api/v1/shopping/session',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })) as { data: { session_id: string; session_token: string } };
      const { session_id: id, session_token: token } = created.data;
      return (): HttpCall => ({
        method: 'POST',
        path: `/api/v1/shopping/session/${id}/cart/add`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ sku: 'IPH15-128', quantity: 1 }),
      });
    };
    const health = (): HttpCall => ({ method: 'GET', path: '/health/live', headers: {} });
    const sideOf = (name: string, agent: Agent, port: number, build: () => HttpCall): Side => ({
      name,
      call: async () => (await send(agent, port, build())).status === 200,
    });

    const rows: BenchRow[] = [];
    const cases = [
      ['GET /health/live', health, health, HEALTH_TARGET],
      [
        'REST cart.add',
        await cartCall(agents.on, on.port),
        await cartCall(agents.off, off.port),
        CART_TARGET,
      ],
    ] as const;
    for (const [label, buildOn, buildOff, target] of cases) {
      const results = await runInterleaved(
        [sideOf('off', agents.off, off.port, buildOff), sideOf('on', agents.on, on.port, buildOn)],
        { concurrency: CONCURRENCY, warmupMs: 500, durationMs, sliceMs: 500 },
      );
      const r = results.get('on');
      const b = results.get('off');
      if (!r || !b) throw new Error('missing result');
      if (r.errors + b.errors > 0) throw new Error(`${label}: failed requests: ${r.firstError}`);
      const row = compared(`${label}, access log on`, r.perSecond, 'req/s', {
        name: 'access log off',
        value: b.perSecond,
      });
      const ratio = row.ratio ?? 0;
      rows.push(
        withTarget(
          row,
          `${label} with access log >= ${target} x without (got ${ratio.toFixed(3)})`,
          ratio >= target,
        ),
        compared(`  ${label} p50`, percentile(r.latencies, 50), 'ms', {
          name: 'off p50',
          value: percentile(b.latencies, 50),
        }),
        compared(`  ${label} CPU per request`, r.cpuMicros / r.requests, 'us', {
          name: 'off',
          value: b.cpuMicros / b.requests,
        }),
      );
    }
    rows.push(lineCost());
    return rows;
  });
}

/**
 * One access line's own CPU, away from HTTP noise: the fields an access line has, its route
 * label, written by pino (redaction on) to /dev/null; beside the same loop with logs off.
 */
function lineCost(): BenchRow {
  const n = quickMode() ? 20_000 : 100_000;
  const cpuPerLine = (log: Logger) => {
    const started = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const path = new URL(`/api/v1/shopping/session/s_${i}/cart/add`, 'http://x').pathname;
      log.pino.info(
        {
          kind: 'http',
          method: 'POST',
          route: routeLabel('POST', path),
          status: 200,
          duration_ms: 1.5,
          bytes: 611,
          reqId: 'c0a8e3b2-1234-4567-89ab-0123456789ab',
          ip: '127.0.0.1',
          session: 'a1b2c3d4e5f6',
        },
        'request',
      );
    }
    const used = process.cpuUsage(started);
    return (used.user + used.system) / n;
  };
  const on = createLogger('info', { destination: fileDestination('/dev/null') });
  const off = createLogger('silent');
  cpuPerLine(on); // warm-up
  cpuPerLine(off);
  return compared('access line alone, CPU per line', cpuPerLine(on), 'us', {
    name: 'logs off',
    value: cpuPerLine(off),
  });
}

if (isMain(import.meta.url)) runAlone(benchLogs);
