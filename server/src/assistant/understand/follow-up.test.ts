import { describe, expect, it } from 'vitest';
import { parseQuestion } from './parse-question';
import { context, PHONES, VOCABULARY } from './test-fixtures';

const ctx = context({ lastShown: PHONES });
const parse = (q: string) => parseQuestion(q, ctx, VOCABULARY);

describe('follow-up references', () => {
  it.each([
    ['option 2', [1]],
    ['number 3 please', [2]],
    ['the 2nd one', [1]],
    ['the third', [2]],
    ['what about the pro one?', [0]],
    ['the galaxy one', [1]],
    ['is the cheaper one any good?', [0, 1, 2]],
    ['both of them', [0, 1, 2]],
    ['is it available?', [0, 1, 2]],
    ['does this one have 5g?', [0, 1, 2]],
    ['which one has the best rating?', [0, 1, 2]],
  ])('%s -> %j', (q, references) => {
    const u = parse(q);
    expect(u.followUp).toBe(true);
    expect(u.references).toEqual(references);
  });

  it('keeps an ordinal past the end so the answer can say what was shown', () => {
    expect(parse('the fifth one')).toMatchObject({ followUp: true, references: [4] });
  });

  it('treats a brand that was not shown as a new question', () => {
    const u = parse('is the Sony one any good?');
    expect(u.followUp).toBe(false);
    expect(u.query.brands).toEqual(['Sony']);
  });

  it('treats a new category as a new question even with "it"', () => {
    expect(parse('I need a laptop, it should be light').followUp).toBe(false);
  });

  it('keeps follow-up words out of the free text', () => {
    expect(parse('tell me more about the second one').query.text).toBe('');
  });
});
