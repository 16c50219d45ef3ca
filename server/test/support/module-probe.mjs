/**
 * Preloaded into a server process (`node --import tsx --import <this>`): records every module
 * resolved (ESM and CommonJS alike, through Node's in-thread resolve hook) with the module
 * that asked for it, and writes the list to PROBE_OUT as the process exits.
 */
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const seen = new Map();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (resolved.url.startsWith('file:') && !seen.has(resolved.url)) {
      seen.set(resolved.url, context.parentURL ?? '');
    }
    return resolved;
  },
});
process.on('exit', () => {
  const modules = [...seen].map(([url, parent]) => ({ url, parent }));
  if (process.env.PROBE_OUT) writeFileSync(process.env.PROBE_OUT, JSON.stringify(modules));
});
