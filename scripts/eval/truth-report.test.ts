import { describe, expect, it } from 'vitest';
import { named } from './sets/predicates';
import { jewellery } from './test-fixtures';
import { truthReport } from './truth-report';
import type { CatalogSet, EvalCase } from './types';

const setOf = (cases: EvalCase[]): CatalogSet => ({
  name: 'tiny',
  file: 'tiny.csv',
  readTruth: () => jewellery,
  cases,
});

describe('truthReport', () => {
  it('prints each turn with what it accepts, and the best product of a superlative', () => {
    const { lines, problems } = truthReport(
      setOf([
        {
          id: 'cheapest',
          kind: 'superlative',
          turns: [
            { ask: 'cheapest earrings', expect: { match: named(/earrings/i), best: 'price_asc' } },
          ],
        },
      ]),
      jewellery,
    );
    expect(problems).toBe(0);
    expect(lines.join('\n')).toContain(
      '[cheapest #1] cheapest earrings  accepted 2  best: Guardian Angel Earrings (19.99)',
    );
  });

  it('marks the turns of the set that no truth product can answer, and counts them', () => {
    const { lines, problems } = truthReport(
      setOf([
        {
          id: 'rings',
          kind: 'category',
          turns: [{ ask: 'rings', expect: { match: named(/\bring/i) } }],
        },
      ]),
      jewellery,
    );
    expect(problems).toBe(1);
    expect(lines).toContain('  !! [rings #1] rings  accepted 0');
    expect(lines).toContain('  !! rings#1: 0 truth products meet the expectation, 1 needed');
  });
});
