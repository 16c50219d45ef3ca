import { describe, expect, it } from 'vitest';
import { checkCounts, markdownTable, summaryLine } from './report';

describe('report', () => {
  it('prints one summary line per catalog', () => {
    const line = summaryLine({
      name: 'shop',
      turns: [],
      passed: 21,
      total: 42,
      invented: 3,
      ms: 1500,
    });
    expect(line).toMatch(/^shop\s+50\.0%\s+\(21\/42 turns\)\s+invented: 3\s+1\.5s$/);
  });

  it('counts the failed checks, most frequent first', () => {
    const turn = (checks: string[]) => ({
      caseId: 'c',
      kind: 'k',
      turn: 1,
      question: 'q',
      findings: checks.map((check) => ({ check, detail: '' })),
      invented: 0,
    });
    const turns = [turn(['match:first', 'all']), turn(['all']), turn([])];
    const r = { name: 's', turns, passed: 1, total: 3, invented: 0, ms: 0 };
    expect(checkCounts(r)).toBe('all 2, match:first 1');
  });

  it('prints the README table, a catalog that did not run as such', () => {
    const ran = { name: 'a', turns: [], passed: 45, total: 50, invented: 0, ms: 1234 };
    const broken = { ...ran, name: 'b', passed: 0, error: 'catalog did not load' };
    expect(markdownTable([ran, broken]).split('\n').slice(2)).toEqual([
      '| a | 90.0% | 45/50 | 0 | 1.2s |',
      '| b | not run | 0/50 | 0 | 1.2s |',
    ]);
  });
});
