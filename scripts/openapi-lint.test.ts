import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../server/src/transport/rest/openapi';
import { lintOpenApi } from './openapi-lint';

/** The real Redocly CLI on the generated document, as `pnpm lint:openapi` runs it. */
describe('redocly lint --extends=recommended', () => {
  it('finds no error and no warning in the document the server serves', async () => {
    const result = await lintOpenApi();
    const found = result.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}`);
    expect(found).toEqual([]);
    expect(result.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });

  it('reports what the document used to lack (the check can fail)', async () => {
    const doc = buildOpenApi();
    const { servers: _, ...withoutServers } = doc;
    const paths = withoutServers.paths as Record<string, { post?: { security?: unknown } }>;
    const session = paths['/api/v1/shopping/session'];
    if (!session?.post) throw new Error('POST /session is not documented');
    delete session.post.security;
    const result = await lintOpenApi({
      ...withoutServers,
      info: { title: doc.info.title, version: doc.info.version },
    });
    expect(result.problems.map((p) => p.ruleId).sort()).toEqual([
      'info-license',
      'no-empty-servers',
      'security-defined',
    ]);
    expect(result.totals.errors).toBeGreaterThan(0);
  });
});
