/**
 * A record that did not become a product. `row` points into the file: the 1-based line
 * number for CSV and JSON Lines (the header is line 1), the 1-based array position for JSON.
 */
export interface SkippedRow {
  row: number;
  reason: string;
  /** The file the row is in, when the catalog is a directory of files. */
  file?: string;
}

/**
 * The catalog as a whole could not be used: unreadable, not the format it claims to be, no
 * product file in a directory, or a CATALOG_MAPPING that does not fit the files.
 */
export class CatalogLoadError extends Error {
  constructor(
    readonly code:
      | 'CATALOG_UNREADABLE'
      | 'CATALOG_UNPARSEABLE'
      | 'CATALOG_NO_PRODUCT_FILE'
      | 'CATALOG_MAPPING_INVALID',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CatalogLoadError';
  }
}
