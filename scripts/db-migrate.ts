/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded PGlite database in
 * the data folder when it is unset. The app also applies them on start; this is for deploy pipelines.
 * Stop `npm run dev` first when using PGlite: it can be opened by one process at a time.
 */
import { openDatabase } from "../db/client";
import { resolveDataDir } from "../db/data-dir";

const url = process.env.DATABASE_URL || undefined;
const started = Date.now();
const handle = await openDatabase(url);
await handle.close();
const where = handle.kind === "postgres" ? "Postgres (DATABASE_URL)" : `PGlite in ${resolveDataDir()}`;
console.log(`migrations applied to ${where} in ${Date.now() - started} ms`);
