import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { breaches, readFloors, scoreOf, writeFloors } from './floors';

const dir = mkdtempSync(join(tmpdir(), 'aisle-floors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('floors', () => {
  it('rounds a score down so a recorded floor never exceeds the run it came from', () => {
    expect(scoreOf(2, 3)).toBe(66.6);
    expect(scoreOf(0, 0)).toBe(0);
    expect(scoreOf(41, 41)).toBe(100);
  });

  it('breaches on a lower score or more invented facts, not on equal ones', () => {
    const floor = { score: 50, invented: 2 };
    expect(breaches(floor, 50, 2)).toEqual([]);
    expect(breaches(floor, 49.9, 2)).toHaveLength(1);
    expect(breaches(floor, 80, 3)).toHaveLength(1);
    expect(breaches(undefined, 0, 99)).toEqual([]);
  });

  it('writes sorted floors and reads them back, refusing a malformed file', () => {
    const path = join(dir, 'floors.json');
    writeFloors(path, { b: { score: 10, invented: 1 }, a: { score: 20.5, invented: 0 } });
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')))).toEqual(['a', 'b']);
    expect(readFloors(path).a).toEqual({ score: 20.5, invented: 0 });
    writeFileSync(path, JSON.stringify({ a: { score: 120, invented: 0 } }));
    expect(() => readFloors(path)).toThrow(/"a" needs/);
    writeFileSync(path, JSON.stringify({ a: { score: 10, invented: 0.5 } }));
    expect(() => readFloors(path)).toThrow(/"a" needs/);
  });
});
