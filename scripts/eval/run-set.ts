/**
 * One catalog's evaluation: read the truth, start the store's services on the raw file, ask
 * every case in its own session, check each turn and audit it for invented facts.
 *
 * A turn passes when every check of its expectation passes AND the audit finds nothing
 * invented (an answer that invents a price is not a right answer); invented findings are also
 * counted on their own, since the target for them is zero.
 */
import { join } from 'node:path';
import type { Finding, TurnAnswer, TurnHistory } from './answer';
import { openConversation, openStore, type StoreUnderTest } from './ask';
import { checkTurn } from './checks';
import { inventedFacts } from './invented';
import type { CatalogSet, EvalCase, Truth, TruthProduct } from './types';

export interface TurnRecord {
  caseId: string;
  kind: string;
  /** 1-based, as the report prints it. */
  turn: number;
  question: string;
  answer?: TurnAnswer;
  findings: Finding[];
  invented: number;
}

export interface SetResult {
  name: string;
  /** Why the set could not run at all (score 0). */
  error?: string;
  turns: TurnRecord[];
  passed: number;
  total: number;
  invented: number;
  ms: number;
}

export interface SetLocation {
  /** The kit folder holding one folder per catalog. */
  kit: string;
  /** The repository root (mapping files are repository paths). */
  root: string;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

const ask = async (
  conversation: Awaited<ReturnType<typeof openConversation>>,
  question: string,
): Promise<TurnAnswer | Error> => {
  try {
    return await conversation.ask(question);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
};

/** A set's predicate that throws is a bug in the set: reported on its turn, the run goes on. */
function judge(check: () => Finding[]): Finding[] {
  try {
    return check();
  } catch (err) {
    return [{ check: 'set', detail: `an expectation threw: ${message(err)}` }];
  }
}

/** One case in one session; a failed turn does not stop the chain (later turns still count). */
async function runCase(store: StoreUnderTest, truth: Truth, c: EvalCase): Promise<TurnRecord[]> {
  const conversation = await openConversation(store.services);
  const shown: TruthProduct[][] = [];
  const questions: string[] = [];
  let preferences = {};
  const records: TurnRecord[] = [];
  for (const [i, turn] of c.turns.entries()) {
    if (turn.preferences) {
      await conversation.savePreferences(turn.preferences);
      preferences = { ...preferences, ...turn.preferences };
    }
    questions.push(turn.ask);
    const base = { caseId: c.id, kind: c.kind, turn: i + 1, question: turn.ask };
    const answer = await ask(conversation, turn.ask);
    if (answer instanceof Error) {
      records.push({
        ...base,
        findings: [{ check: 'error', detail: answer.message }],
        invented: 0,
      });
      shown.push([]);
      continue;
    }
    const history: TurnHistory = { questions, preferences, earlier: shown.flat() };
    const invented = inventedFacts(answer, truth, history);
    const findings = [
      ...judge(() => checkTurn(turn.expect, answer, truth, { shown })),
      ...invented,
    ];
    records.push({ ...base, answer, findings, invented: invented.length });
    shown.push(answer.products.flatMap((p) => truth.bySku.get(p.sku) ?? []));
  }
  return records;
}

/** A case that breaks outside a question (session, preferences) fails all its turns. */
async function runCaseSafely(
  store: StoreUnderTest,
  truth: Truth,
  c: EvalCase,
): Promise<TurnRecord[]> {
  try {
    return await runCase(store, truth, c);
  } catch (err) {
    return c.turns.map((turn, i) => ({
      caseId: c.id,
      kind: c.kind,
      turn: i + 1,
      question: turn.ask,
      findings: [{ check: 'error', detail: `the case broke: ${message(err)}` }],
      invented: 0,
    }));
  }
}

/** Runs one set; never throws (a set that cannot run is a result with `error`). */
export async function runSet(set: CatalogSet, where: SetLocation): Promise<SetResult> {
  const started = performance.now();
  const result = (fields: Partial<SetResult>): SetResult => {
    const turns = fields.turns ?? [];
    return {
      name: set.name,
      turns,
      passed: turns.filter((t) => t.findings.length === 0).length,
      total: turns.length || set.cases.reduce((n, c) => n + c.turns.length, 0),
      invented: turns.reduce((n, t) => n + t.invented, 0),
      ms: performance.now() - started,
      ...(fields.error === undefined ? {} : { error: fields.error }),
    };
  };
  const dir = join(where.kit, set.name);
  let truth: Truth;
  try {
    truth = set.readTruth(dir);
  } catch (err) {
    return result({ error: `readTruth failed: ${message(err)}` });
  }
  let store: StoreUnderTest;
  try {
    store = await openStore({
      catalogFile: join(dir, set.file),
      ...(set.mapping === undefined ? {} : { mapping: join(where.root, set.mapping) }),
    });
  } catch (err) {
    return result({ error: `catalog did not load: ${message(err)}` });
  }
  try {
    const turns: TurnRecord[] = [];
    for (const c of set.cases) turns.push(...(await runCaseSafely(store, truth, c)));
    return result({ turns });
  } finally {
    await store.close();
  }
}
