import type { ServerResponse } from 'node:http';
import type { AppDeps } from '../context';
import { sendJson } from './respond';

export interface HealthCheck {
  name: string;
  healthy: boolean;
  latency_ms: number;
  error?: string;
}

export const VERSION = '0.1.0';

async function timed(name: string, probe: () => Promise<unknown>, timeoutMs: number) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { name, healthy: true, latency_ms: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      name,
      healthy: false,
      latency_ms: Math.round(performance.now() - started),
      error: (err as Error).message,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** /health (summary), /health/live (process up), /health/ready (dependencies reachable). */
export function createHealthHandler(deps: AppDeps, startedAt = Date.now()) {
  const base = () => ({
    timestamp: new Date().toISOString(),
    uptime_seconds: Math.round((Date.now() - startedAt) / 1000),
  });
  return async (res: ServerResponse, path: string): Promise<void> => {
    if (path === '/health/live') {
      sendJson(res, 200, { status: 'alive', ...base() });
      return;
    }
    if (path === '/health') {
      sendJson(res, 200, { status: 'healthy', ...base(), version: VERSION });
      return;
    }
    const probes = deps.services.healthProbes();
    const services: HealthCheck[] = await Promise.all(
      probes.map((p) => timed(p.name, p.probe, 2000)),
    );
    const ready = services.every((s) => s.healthy);
    sendJson(res, ready ? 200 : 503, {
      status: ready ? 'ready' : 'not_ready',
      ...base(),
      services,
    });
  };
}
