/**
 * The floors CI holds the eval to (scripts/eval/floors.json): per catalog, the lowest score
 * allowed and the most invented facts allowed. Recorded from honest runs with
 * `pnpm eval --write-floors`, raised by hand as scores improve, never raised by CI.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface Floor {
  /** Percent of turns passed, 0..100. */
  score: number;
  /** Invented facts allowed (the target is 0). */
  invented: number;
}
export type Floors = Record<string, Floor>;

const isFloor = (v: unknown): v is Floor => {
  if (typeof v !== 'object' || v === null) return false;
  const { score, invented } = v as Record<string, unknown>;
  return (
    typeof score === 'number' &&
    score >= 0 &&
    score <= 100 &&
    Number.isInteger(invented) &&
    typeof invented === 'number' &&
    invented >= 0
  );
};

/** The floors file, validated (scripts/ has no zod: a two-field check needs none). */
export function readFloors(path: string): Floors {
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new Error(`${path}: expected an object of catalog -> { score, invented }`);
  for (const [name, floor] of Object.entries(data))
    if (!isFloor(floor))
      throw new Error(`${path}: "${name}" needs { score: 0..100, invented: integer >= 0 }`);
  return data as Floors;
}

export function writeFloors(path: string, floors: Floors): void {
  const sorted = Object.fromEntries(Object.entries(floors).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(path, `${JSON.stringify(sorted, null, 2)}\n`);
}

/** Percent of turns passed, rounded DOWN to 0.1 so a recorded floor is never above the run. */
export const scoreOf = (passed: number, total: number): number =>
  total === 0 ? 0 : Math.floor((passed / total) * 1000) / 10;

/** Why a result breaches its floor (empty when it holds, or when it has no floor yet). */
export function breaches(floor: Floor | undefined, score: number, invented: number): string[] {
  if (floor === undefined) return [];
  const out: string[] = [];
  if (score < floor.score) out.push(`score ${score}% below the floor ${floor.score}%`);
  if (invented > floor.invented)
    out.push(`invented ${invented} above the allowed ${floor.invented}`);
  return out;
}
