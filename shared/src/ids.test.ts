import { describe, expect, it } from 'vitest';
import { LastEventIdSchema, NewSessionIdSchema, SessionIdSchema } from './ids';

describe('LastEventIdSchema', () => {
  it('takes live event ids for live feeds, and nothing else', () => {
    const s = LastEventIdSchema.liveEvents;
    expect(s.parse('1700000000000-0')).toBe('1700000000000-0');
    expect(s.parse(null)).toBeNull();
    expect(s.safeParse('17-x').success).toBe(false);
    expect(s.safeParse('abcdefgh~3').success).toBe(false);
  });

  it('takes answer stream positions for answer streams, and nothing else', () => {
    const s = LastEventIdSchema.answerStream;
    expect(s.parse('abcdefgh_-~12')).toBe('abcdefgh_-~12');
    expect(s.parse(undefined)).toBeUndefined();
    expect(s.safeParse('1700000000000-0').success).toBe(false);
    expect(s.safeParse('short~1').success).toBe(false);
    expect(s.safeParse(`${'a'.repeat(65)}~1`).success).toBe(false);
  });
});

describe('NewSessionIdSchema', () => {
  it('takes unguessable lengths only; routes still address shorter, older ids', () => {
    expect(NewSessionIdSchema.safeParse('a'.repeat(21)).success).toBe(false);
    expect(NewSessionIdSchema.safeParse('a'.repeat(22)).success).toBe(true);
    expect(NewSessionIdSchema.safeParse(crypto.randomUUID()).success).toBe(true);
    expect(NewSessionIdSchema.safeParse('a'.repeat(129)).success).toBe(false);
    expect(SessionIdSchema.safeParse('abcdefgh').success).toBe(true);
  });
});
