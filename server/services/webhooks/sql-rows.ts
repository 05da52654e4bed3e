import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";

const dialect = new PgDialect();

/**
 * Runs a raw statement as a named prepared statement (drizzle's `execute` never prepares one): with
 * postgres.js an unprepared statement with parameters costs an extra round trip (describe, then bind)
 * and a fresh plan each time. The server-side statement is cached per connection.
 */
export async function executePrepared<T>(tx: Executor, name: string, query: SQL): Promise<T[]> {
  const prepared = tx._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  return rowsOf<T>(await prepared.execute());
}

/**
 * The rows of a raw statement: postgres.js returns them as an array, PGlite as `{ rows }`. Raw
 * statements here select text, integers and booleans only, which both drivers return alike.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  if (typeof result === "object" && result !== null && "rows" in result && Array.isArray(result.rows)) {
    return result.rows as T[];
  }
  throw new Error("unexpected result shape from the database driver");
}
