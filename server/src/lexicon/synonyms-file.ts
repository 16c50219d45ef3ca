import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type StoreSynonyms, StoreSynonymsSchema } from '@aisle/shared';
import type { z } from 'zod';

/**
 * SYNONYMS_FILE: a store's own words, seeded into the store at start when it holds none
 * (services/synonyms.ts). A JSON file:
 *
 *   {
 *     "synonyms": [["hoodie", "hooded sweatshirt"], ["tee", "t-shirt"]],
 *     "kinds": { "laptop": ["netbook"] }
 *   }
 *
 * Validated at start-up: a mistake fails it with a message naming the entry at fault.
 */
export class SynonymsFileError extends Error {
  override name = 'SynonymsFileError';
}

/** `synonyms[3][1]`, `kinds["laptop"][0]`: where an entry sits, as one would point at it. */
function pointer(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number'
        ? `[${part}]`
        : i === 0
          ? String(part)
          : `[${JSON.stringify(String(part))}]`,
    )
    .join('');
}

/** The value at a path, quoted, so the message shows the entry and not just its place. */
function valueAt(data: unknown, path: readonly PropertyKey[]): string {
  let at: unknown = data;
  for (const part of path) {
    if (at === null || typeof at !== 'object') return '';
    at = (at as Record<PropertyKey, unknown>)[part];
  }
  if (at === undefined || typeof at === 'object') return '';
  return ` (${JSON.stringify(at)})`;
}

/** The zod issues as "entry (value): message", naming each entry at fault. */
export function describeSynonymIssues(error: z.ZodError, data: unknown): string {
  return error.issues
    .map((issue) => {
      const where = pointer(issue.path);
      return `${where === '' ? '' : `${where}${valueAt(data, issue.path)}: `}${issue.message}`;
    })
    .join('; ');
}

/** Validates a parsed synonyms document; `origin` names it in the error. */
export function parseSynonyms(data: unknown, origin = 'SYNONYMS_FILE'): StoreSynonyms {
  const parsed = StoreSynonymsSchema.safeParse(data);
  if (!parsed.success) {
    throw new SynonymsFileError(`${origin}: ${describeSynonymIssues(parsed.error, data)}`);
  }
  return parsed.data;
}

/** Reads and validates the file (relative to `cwd`); throws SynonymsFileError with the reason. */
export function loadSynonymsFile(file: string, cwd: string = process.cwd()): StoreSynonyms {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SynonymsFileError(`SYNONYMS_FILE: cannot read ${path}: ${reason}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SynonymsFileError(`SYNONYMS_FILE ${path}: not valid JSON: ${reason}`);
  }
  return parseSynonyms(data, `SYNONYMS_FILE ${path}`);
}
