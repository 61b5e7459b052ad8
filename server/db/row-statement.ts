/**
 * A multi-row statement built and compiled by Kysely once per row count and engine, then
 * run with each batch's values as plain parameters.
 *
 * Why: a push writes up to 500 rows to each of three tables per batch, and building the
 * same 4,000-parameter query through Kysely's builder batch after batch cost more than
 * writing the rows. The text is the one Kysely would build (so it stays right on both
 * engines); SQLite then reuses the prepared statement for it (sqlite-statements.ts).
 *
 * What must stay true: `build` turns every value into a parameter, in the order the rows
 * and `columns` list them (Kysely's `values` and the `sql` tag both do), so the values
 * passed to `run` land in their own columns.
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

/** Stands in for every value while compiling: any non-undefined value is a parameter. */
const PLACEHOLDER = null;

export class RowStatement<Row, DB> {
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly columns: readonly (keyof Row & string)[],
    private readonly build: (db: Kysely<DB>, rows: Row[]) => Compilable,
  ) {}

  /** Writes `rows` in statements of at most `rowsPerStatement` rows each. */
  async run(db: Kysely<DB>, rows: readonly Row[], rowsPerStatement: number): Promise<void> {
    for (let start = 0; start < rows.length; start += rowsPerStatement) {
      const chunk = rows.slice(start, start + rowsPerStatement);
      const parameters: unknown[] = [];
      for (const row of chunk) for (const column of this.columns) parameters.push(row[column]);
      await db.executeQuery(CompiledQuery.raw(this.textFor(db, chunk.length), parameters));
    }
  }

  private textFor(db: Kysely<DB>, rowCount: number): string {
    const key = `${db.getExecutor().adapter.constructor.name} ${rowCount}`;
    let text = this.texts.get(key);
    if (text === undefined) {
      const row = Object.fromEntries(this.columns.map((column) => [column, PLACEHOLDER])) as Row;
      const compiled = this.build(
        db,
        Array.from({ length: rowCount }, () => row),
      ).compile();
      if (compiled.parameters.length !== rowCount * this.columns.length) {
        throw new Error('a row statement must take every value as a parameter');
      }
      text = compiled.sql;
      this.texts.set(key, text);
    }
    return text;
  }
}
