// Global setup of the "integration" vitest project (runs once, in the main vitest process).
// With RAQI_TEST_DB=postgres it creates a fresh database, hands its URL to the workers through
// provide/inject, and drops it after the run. With RAQI_TEST_DB=pglite it does nothing.
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { testPgUrl } from "./test-env.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    raqiTestDatabaseUrl?: string;
  }
}

/** Leftovers of runs killed before their teardown are dropped once they are this old. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if ((process.env.RAQI_TEST_DB ?? "pglite") !== "postgres") return undefined;

  const adminUrl = testPgUrl();
  const name = `raqi_test_${Date.now()}_${process.pid}`;
  const admin = postgres(adminUrl, { onnotice: () => {}, max: 1, connect_timeout: 10 });
  try {
    await dropStaleDatabases(admin);
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.end({ timeout: 5 });
    throw new Error(`Could not create test database ${name} on ${redact(adminUrl)}: ${String(error)}`);
  }

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  project.provide("raqiTestDatabaseUrl", url.toString());
  console.log(`[integration] Postgres test database: ${name} (${redact(adminUrl)})`);

  return async () => {
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
}

async function dropStaleDatabases(admin: postgres.Sql): Promise<void> {
  const rows = await admin<{ datname: string }[]>`
    select datname from pg_database where datname ~ '^raqi_test_[0-9]+_[0-9]+$'`;
  for (const { datname } of rows) {
    const createdAt = Number(datname.split("_")[2]);
    if (Date.now() - createdAt > STALE_AFTER_MS) {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
}

function redact(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "<invalid RAQI_TEST_PG_URL>";
  }
}
