/**
 * `pnpm eval`: every real catalog of the kit (../shared/catalogs/, beside the repository) asked
 * its question set through the app's own services, with ground truth read from the raw files.
 *
 *   pnpm eval                      all catalogs; exit 1 on a floor breach
 *   pnpm eval --catalog <name>     one catalog
 *   pnpm eval --verbose            print every answer, not only the failures
 *   pnpm eval --write-floors       record the scores of this run as the floors (by hand only)
 *   pnpm eval --truth              check the sets against their truth only (no assistant)
 *   pnpm eval --markdown           also print the score table for the README
 *   EVAL_CATALOGS=<dir>            the kit elsewhere
 *
 * Exit code 1 when a catalog scores below its floor in scripts/eval/floors.json, invents more
 * than its floor allows, or cannot run (a missing or broken set, a catalog that does not load).
 * A catalog without a recorded floor is scored and reported, not gated.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { breaches, type Floors, readFloors, scoreOf, writeFloors } from './floors';
import { kitFolder } from './kit';
import { loadSets } from './load-sets';
import { markdownTable, setReport, summaryLine } from './report';
import { runSet, type SetResult } from './run-set';
import { truthReport } from './truth-report';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FLOORS = fileURLToPath(new URL('./floors.json', import.meta.url));

const { values: args } = parseArgs({
  options: {
    catalog: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    'write-floors': { type: 'boolean', default: false },
    truth: { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
  },
});

async function runAll(kit: string): Promise<SetResult[]> {
  const results: SetResult[] = [];
  for (const loaded of await loadSets(args.catalog)) {
    if ('error' in loaded) {
      results.push({
        name: loaded.name,
        error: loaded.error,
        turns: [],
        passed: 0,
        total: 0,
        invented: 0,
        ms: 0,
      });
      continue;
    }
    const result = await runSet(loaded.set, { kit, root: ROOT });
    const report = setReport(result, args.verbose);
    if (report !== '') console.log(report);
    results.push(result);
  }
  return results;
}

/** Prints the table and the breaches; true when every catalog holds its floor. */
function judge(results: readonly SetResult[], floors: Floors): boolean {
  console.log(`\n== pnpm eval (${new Date().toISOString().slice(0, 10)})`);
  let ok = true;
  for (const r of results) {
    console.log(summaryLine(r));
    const score = scoreOf(r.passed, r.total);
    if (r.error !== undefined) {
      console.log(`   FAILED ${r.name}: could not run`);
      ok = false;
      continue;
    }
    if (floors[r.name] === undefined)
      console.log(`   (no floor recorded for ${r.name}: pnpm eval --write-floors)`);
    const why = breaches(floors[r.name], score, r.invented);
    for (const reason of why) console.log(`   FLOOR BREACH ${r.name}: ${reason}`);
    if (why.length > 0) ok = false;
  }
  const total = results.reduce((ms, r) => ms + r.ms, 0);
  console.log(`total ${(total / 1000).toFixed(1)}s`);
  return ok;
}

/** `--truth`: every set against its truth (sets/set-sanity.ts); 1 when a set has a problem. */
async function checkTruth(kit: string): Promise<number> {
  let failed = false;
  for (const loaded of await loadSets(args.catalog)) {
    if ('error' in loaded) {
      console.log(`${loaded.name}: ${loaded.error}`);
      failed = true;
      continue;
    }
    const { lines, problems } = truthReport(
      loaded.set,
      loaded.set.readTruth(join(kit, loaded.name)),
    );
    console.log(lines.join('\n'));
    if (problems > 0) failed = true;
  }
  return failed ? 1 : 0;
}

async function main(): Promise<number> {
  const kit = kitFolder();
  if (!existsSync(kit)) {
    console.error(`pnpm eval: the catalog kit is not at ${kit} (set EVAL_CATALOGS)`);
    return 1;
  }
  if (args.truth) return checkTruth(kit);
  const floors: Floors = existsSync(FLOORS) ? readFloors(FLOORS) : {};
  const results = await runAll(kit);
  if (args['write-floors']) {
    // A catalog that could not run keeps its floor (and still fails below).
    for (const r of results)
      if (r.error === undefined)
        floors[r.name] = { score: scoreOf(r.passed, r.total), invented: r.invented };
    writeFloors(FLOORS, floors);
    console.log(`floors written to ${FLOORS}`);
  }
  const ok = judge(results, floors);
  if (args.markdown) console.log(`\n${markdownTable(results)}`);
  return ok ? 0 : 1;
}

process.exitCode = await main();
