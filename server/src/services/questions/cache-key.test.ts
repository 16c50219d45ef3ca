import { describe, expect, it } from 'vitest';
import { cacheKeyFor, normalizeQuestion, refersToEarlier } from './cache-key';

const base = {
  question: 'What smartphones do you have?',
  catalogVersion: 'v1',
  knowledgeVersion: 1,
  synonymsVersion: 0,
  provider: 'local',
  preferences: {},
  shown: [] as string[],
};

describe('cache keys', () => {
  it('normalizes case, spacing and trailing punctuation', () => {
    expect(normalizeQuestion('  What   Smartphones do you have??  ')).toBe(
      'what smartphones do you have',
    );
    expect(cacheKeyFor(base).hash).toBe(
      cacheKeyFor({ ...base, question: 'what smartphones do you have' }).hash,
    );
  });

  it('shares a question that depends on no session state', () => {
    expect(cacheKeyFor(base).shared).toBe(true);
  });

  it('separates different budgets and brands, and binds them to the session', () => {
    const a = cacheKeyFor({ ...base, preferences: { budget_range: '500-1000' } });
    const b = cacheKeyFor({ ...base, preferences: { budget_range: '0-300' } });
    expect(a.shared).toBe(false);
    expect(a.hash).not.toBe(b.hash);
    expect(
      cacheKeyFor({ ...base, preferences: { preferred_brands: ['Apple', 'Samsung'] } }).hash,
    ).toBe(cacheKeyFor({ ...base, preferences: { preferred_brands: ['samsung', 'apple'] } }).hash);
  });

  it('keys follow-ups by the products they refer to', () => {
    const q = 'which of those is cheapest?';
    expect(refersToEarlier(q)).toBe(true);
    expect(refersToEarlier('what laptops do you have')).toBe(false);
    const one = cacheKeyFor({ ...base, question: q, shown: ['A', 'B'] });
    const two = cacheKeyFor({ ...base, question: q, shown: ['C', 'D'] });
    expect(one.shared).toBe(false);
    expect(one.hash).not.toBe(two.hash);
  });

  it('changes with the catalog, the knowledge base and the provider', () => {
    const h = cacheKeyFor(base).hash;
    expect(cacheKeyFor({ ...base, catalogVersion: 'v2' }).hash).not.toBe(h);
    expect(cacheKeyFor({ ...base, knowledgeVersion: 2 }).hash).not.toBe(h);
    expect(cacheKeyFor({ ...base, synonymsVersion: 1 }).hash).not.toBe(h);
    expect(cacheKeyFor({ ...base, provider: 'openai' }).hash).not.toBe(h);
  });
});
