import { describe, expect, it } from 'vitest';
import { checkCounts, summaryLine } from './report';

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
});
