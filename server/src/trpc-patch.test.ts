import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { callTRPCProcedure, initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';

/**
 * @trpc/server is patched (patches/@trpc__server@*.patch): its object-spread helper, which
 * tRPC runs at every middleware level of every call, is replaced by a fast one. These check
 * that the patch is installed and that spreading still means what it meant.
 */
describe('the patched tRPC object spread', () => {
  it('is installed', () => {
    const entry = createRequire(import.meta.url).resolve('@trpc/server');
    const dist = dirname(entry);
    const helpers = readdirSync(dist).filter((f) => /^getErrorShape-.*\.(mjs|cjs)$/.test(f));
    expect(helpers.length).toBeGreaterThanOrEqual(2);
    for (const f of helpers)
      expect(readFileSync(join(dist, f), 'utf8')).toContain('Patched (Aisle)');
  });

  it('merges contexts and chained inputs as before, keeping __proto__ an own key', async () => {
    const tag = Symbol('tag');
    const t = initTRPC.context<{ base: string; [tag]?: string }>().create();
    const proc = t.procedure
      .use(({ next }) => next({ ctx: { added: 1, [tag]: 'symbol kept' } }))
      // Parsers that keep every key (zod would drop "__proto__"), so tRPC spreads it.
      .input((v: unknown) => v as { a: number })
      .input((v: unknown) => v as { b: number })
      .query(({ ctx, input }) => ({ ctx, input }));
    const router = t.router({ proc });
    const raw = JSON.parse('{"a": 1, "b": 2, "__proto__": {"polluted": true}}');
    const out = (await callTRPCProcedure({
      router,
      path: 'proc',
      type: 'query',
      getRawInput: async () => raw,
      ctx: { base: 'ctx' },
      signal: undefined,
      batchIndex: 0,
    })) as { ctx: Record<string | symbol, unknown>; input: Record<string, unknown> };
    expect(out.ctx).toMatchObject({ base: 'ctx', added: 1 });
    expect(out.ctx[tag]).toBe('symbol kept');
    expect(out.input).toMatchObject({ a: 1, b: 2 });
    expect(Object.hasOwn(out.input, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out.input)).toBe(Object.prototype);
    expect((out.input as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
