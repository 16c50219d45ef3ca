/**
 * A record that did not become a product. `row` points into the file: the 1-based line
 * number for CSV and JSON Lines (the header is line 1), the 1-based array position for JSON.
 */
export interface SkippedRow {
  row: number;
  reason: string;
}

/** The file as a whole could not be used: unreadable, or not the format it claims to be. */
export class CatalogLoadError extends Error {
  constructor(
    readonly code: 'CATALOG_UNREADABLE' | 'CATALOG_UNPARSEABLE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CatalogLoadError';
  }
}
