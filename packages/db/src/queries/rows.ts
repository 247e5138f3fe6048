/** The rows of `db.execute`: PGlite answers `{ rows }`, postgres.js an array of rows. */
export function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}
