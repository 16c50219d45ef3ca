/**
 * CATALOG_MAPPING: a store's explicit say over the importer, for files whose columns the
 * tolerant aliases (fields.ts) cannot read. A small JSON document (a file path, or the JSON
 * itself in the variable):
 *
 *   {
 *     "fields": {                      product field -> source column (or derivation)
 *       "sku": { "column": "product_link", "pattern": "-(\\d+)$" },
 *       "name": "title"
 *     },
 *     "attributes": ["weight"],        extra columns kept as attributes
 *     "joins": [                       other files of the same catalog, 1:1 on a key
 *       { "file": "extra.csv", "on": "product_link",
 *         "fields": { "brand": "brand", "rating_count": "count" } },
 *       { "file": "categories.csv", "on": { "product": "category_link", "file": "link" },
 *         "fields": { "category": "category" } }
 *     ]
 *   }
 *
 * A `pattern` is a regular expression run on the column's value: the first capture group (or
 * the whole match) is the field's value; no match leaves the field blank. Join files are found
 * beside the catalog file (or in the catalog directory); a joined field fills the product field
 * when the product's own file leaves it blank. Validated with zod; any mistake fails start-up
 * with a message naming the key at fault.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PRODUCT_FIELDS } from './fields';

const FieldName = z.enum(PRODUCT_FIELDS);
const Column = z.string().trim().min(1, 'must name a column');

const Derived = z.strictObject({
  column: Column,
  /** First capture group, or the whole match, of this regular expression. */
  pattern: z
    .string()
    .min(1)
    .refine(isRegex, { error: (issue) => `not a valid regular expression: ${String(issue.input)}` })
    .optional(),
});

const Source = z.union([Column, Derived]);

const JoinSchema = z.strictObject({
  /** A file beside the catalog (relative to its directory) or an absolute path. */
  file: z.string().trim().min(1),
  /** The key column, the same name in both files, or `{product, file}` when the names differ. */
  on: z.union([Column, z.strictObject({ product: Column, file: Column })]),
  /** Product field -> column of the joined file (the sku cannot come from a join). */
  fields: z.partialRecord(FieldName.exclude(['sku']), Column).optional(),
  attributes: z.array(Column).optional(),
});

export const CatalogMappingSchema = z
  .strictObject({
    /** Free text for the reader of the file: JSON has no comments. */
    description: z.string().optional(),
    fields: z.partialRecord(FieldName, Source).optional(),
    attributes: z.array(Column).optional(),
    joins: z.array(JoinSchema).optional(),
  })
  .refine((m) => m.fields || m.attributes || m.joins, {
    error: 'names nothing: give "fields", "attributes" or "joins"',
  });

export type CatalogMapping = z.infer<typeof CatalogMappingSchema>;
export type MappingJoin = z.infer<typeof JoinSchema>;
export type FieldSource = z.infer<typeof Source>;

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export class MappingError extends Error {
  override name = 'MappingError';
}

/** The zod issues as "path: message" lines, naming the key at fault. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const hint =
        issue.code === 'unrecognized_keys' && issue.path.at(-1) === 'fields'
          ? ` (product fields: ${PRODUCT_FIELDS.join(', ')})`
          : '';
      return `${path ? `${path}: ` : ''}${issue.message}${hint}`;
    })
    .join('; ');
}

/** Validates a parsed mapping document; `origin` names it in the error. */
export function parseMapping(data: unknown, origin = 'CATALOG_MAPPING'): CatalogMapping {
  const parsed = CatalogMappingSchema.safeParse(data);
  if (!parsed.success) throw new MappingError(`${origin}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/**
 * CATALOG_MAPPING's value: inline JSON when it starts with `{`, else a path to a JSON file
 * (relative to `cwd`). Throws MappingError with the reason (unreadable, not JSON, invalid).
 */
export function loadMapping(value: string, cwd: string = process.cwd()): CatalogMapping {
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) return parseMapping(parseJson(trimmed, 'CATALOG_MAPPING'));
  const path = resolve(cwd, trimmed);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MappingError(`CATALOG_MAPPING: cannot read ${path}: ${reason}`);
  }
  return parseMapping(parseJson(text, `CATALOG_MAPPING ${path}`), `CATALOG_MAPPING ${path}`);
}

function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MappingError(`${origin}: not valid JSON: ${reason}`);
  }
}

/** The column a field source reads. */
export const sourceColumn = (source: FieldSource): string =>
  typeof source === 'string' ? source : source.column;

/** A join's key column on the product side and on the joined file's side. */
export function joinKeys(join: MappingJoin): { product: string; file: string } {
  return typeof join.on === 'string' ? { product: join.on, file: join.on } : join.on;
}
