/** What `pnpm eval` prints: one line per catalog, then its failures (or every turn, verbose). */
import { scoreOf } from './floors';
import type { SetResult, TurnRecord } from './run-set';

const ANSWER_EXCERPT = 160;

const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

/** `name  score%  (passed/total turns)  invented: N  time`. */
export function summaryLine(r: SetResult, width = 26): string {
  const score = `${scoreOf(r.passed, r.total).toFixed(1)}%`.padStart(6);
  const turns = `(${r.passed}/${r.total} turns)`.padEnd(17);
  const tail = r.error === undefined ? '' : `  NOT RUN: ${r.error}`;
  return `${r.name.padEnd(width)} ${score}  ${turns} invented: ${String(r.invented).padEnd(3)} ${seconds(r.ms)}${tail}`;
}

/** A turn with its question, what failed, the answer (whole when `full`) and the products shown. */
export function turnBlock(t: TurnRecord, full = false): string {
  const lines = [`  [${t.caseId} #${t.turn}] (${t.kind}) "${t.question}"`];
  for (const f of t.findings) lines.push(`      ✗ ${f.check}: ${f.detail}`);
  if (t.answer) {
    const answer = full
      ? t.answer.answer.replace(/\n/g, '\n        ')
      : oneLine(t.answer.answer, ANSWER_EXCERPT);
    lines.push(`      answer: ${answer}`);
    const names = t.answer.products.map((p) => oneLine(p.name, 40));
    lines.push(`      shown: ${names.length === 0 ? '(none)' : names.join(' | ')}`);
  }
  return lines.join('\n');
}

/** How often each check failed, most frequent first: where the work is. */
export function checkCounts(r: SetResult): string {
  const counts = new Map<string, number>();
  for (const t of r.turns)
    for (const f of t.findings) counts.set(f.check, (counts.get(f.check) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([check, n]) => `${check} ${n}`)
    .join(', ');
}

/** The whole report of one set: failures (every turn when verbose), then the failed checks. */
export function setReport(r: SetResult, verbose: boolean): string {
  const turns = verbose ? r.turns : r.turns.filter((t) => t.findings.length > 0);
  if (turns.length === 0) return '';
  const title = verbose ? 'turns' : 'failures';
  const counts = checkCounts(r);
  return [
    `\n${r.name}: ${title}`,
    ...turns.map((t) => turnBlock(t, verbose)),
    ...(counts === '' ? [] : [`  ${r.name} failed checks: ${counts}`]),
  ].join('\n');
}

/** The score table the README keeps (`pnpm eval --markdown`). */
export function markdownTable(results: readonly SetResult[]): string {
  const rows = results.map((r) => {
    const score = r.error === undefined ? `${scoreOf(r.passed, r.total).toFixed(1)}%` : 'not run';
    return `| ${r.name} | ${score} | ${r.passed}/${r.total} | ${r.invented} | ${seconds(r.ms)} |`;
  });
  return [
    '| catalog | score | turns passed | invented facts | time |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
