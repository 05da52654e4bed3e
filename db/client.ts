import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { resolveDataDir } from "./data-dir";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database or an open transaction: services that can join a caller's transaction take this. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Opens the database named by `url` and applies pending migrations.
 * - unset: embedded PGlite in `<data dir>/pglite` (one process only: PGlite is single-process)
 * - `memory://`: an in-memory PGlite (tests)
 * - `postgres://…`: real Postgres through postgres.js
 */
export async function openDatabase(
  url: string | undefined,
  dataDir = resolveDataDir(),
): Promise<DatabaseHandle> {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    await migratePostgresOnce(url);
    const client = postgres(url, { onnotice: () => {}, max: 10 });
    const db = drizzlePostgres(client, { schema });
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  let client: PGlite;
  if (url === "memory://") {
    client = new PGlite();
  } else {
    const dir = path.join(dataDir, "pglite");
    fs.mkdirSync(dir, { recursive: true });
    client = new PGlite(dir);
  }
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, kind: "pglite", close: () => client.close() };
}

/**
 * Several processes (app, tests, scripts) may start at once: one connection holds an advisory lock
 * while it migrates, so the others wait and then find nothing left to apply.
 */
async function migratePostgresOnce(url: string): Promise<void> {
  const client = postgres(url, { onnotice: () => {}, max: 1 });
  try {
    await client`select pg_advisory_lock(727274)`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(727274)`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

const globalForDb = globalThis as unknown as { raqiDb?: Promise<DatabaseHandle> };

/** The process-wide database, opened once (PGlite must be opened by one owner per process). */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  globalForDb.raqiDb ??= openDatabase(process.env.DATABASE_URL).catch((error: unknown) => {
    globalForDb.raqiDb = undefined;
    throw error;
  });
  return globalForDb.raqiDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

export async function closeDb(): Promise<void> {
  const handle = globalForDb.raqiDb;
  globalForDb.raqiDb = undefined;
  if (handle) await (await handle).close();
}
