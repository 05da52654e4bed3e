/**
 * Shared by the benchmarks: a production server of this checkout on a free port with a throwaway embedded
 * database, and a signed-in API session against it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { SAMPLE_TEMPLATES, starterDocument } from "../../lib/flow/starters";
import {
  TEST_AUTH_SECRET,
  TEST_META_APP_SECRET,
  TEST_TOKEN_ENCRYPTION_KEY,
  TEST_WEBHOOK_VERIFY_TOKEN,
  testPgUrl,
} from "../test/test-env.mjs";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface AppServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

export interface AppServerOptions {
  /** A postgres:// URL to run against instead of a throwaway embedded PGlite. */
  databaseUrl?: string;
  /** Extra settings for the server process (e.g. LOG_LEVEL). */
  env?: Record<string, string | undefined>;
  /** The port to listen on (default: a free one); see freePort. */
  port?: number;
}

/**
 * Builds when there is no production build yet, then runs `next start` on a throwaway embedded
 * PGlite (or on `options.databaseUrl`).
 */
export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "raqi-bench-"));
  const port = options.port ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    RAQI_DATA_DIR: dataDir,
    AUTH_SECRET: TEST_AUTH_SECRET,
    TOKEN_ENCRYPTION_KEY: TEST_TOKEN_ENCRYPTION_KEY,
    META_APP_SECRET: TEST_META_APP_SECRET,
    WEBHOOK_VERIFY_TOKEN: TEST_WEBHOOK_VERIFY_TOKEN,
    APP_URL: baseUrl,
    INNGEST_LOCAL_PORT: String(await freePort()),
    SEED_SAMPLE_TEMPLATES: "true",
    LOG_LEVEL: "warn",
    ...options.env,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.error("no production build: running next build");
    const built = spawnSync("npx", ["next", "build"], { cwd: ROOT, env, stdio: "inherit" });
    if (built.status !== 0) throw new Error("next build failed");
  }
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/sign-in`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the app server did not start within 90 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    stop: async () => {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ThrowawayPostgres {
  /** The database's URL, for the app server. */
  url: string;
  /** A small pool on it, for seeding and checking. */
  sql: postgres.Sql;
  /** Ends the pool and drops the database. */
  drop: () => Promise<void>;
}

/**
 * A new database on the Postgres server of RAQI_TEST_PG_URL, with the app's migrations applied. Null when
 * that server is not reachable outside CI (the caller prints a `skipped` figure line); in CI it throws.
 */
export async function throwawayPostgres(label: string): Promise<ThrowawayPostgres | null> {
  const adminUrl = testPgUrl();
  const admin = postgres(adminUrl, { onnotice: () => {}, max: 1 });
  try {
    await admin`select 1`;
  } catch {
    await admin.end({ timeout: 1 }).catch(() => undefined);
    const where = adminUrl.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
    if (process.env.CI === "true" || process.env.CI === "1")
      throw new Error(`Postgres not reachable at ${where}`);
    return null;
  }
  const name = `raqi_bench_${label}_${Date.now()}_${process.pid}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { onnotice: () => {}, max: 2 });
  await migrate(drizzle(sql), { migrationsFolder: path.join(ROOT, "db", "migrations") });
  return {
    url: url.toString(),
    sql,
    drop: async () => {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export interface SeededWorkspace {
  workspaceId: string;
  /** API keys with the events:write scope, one per `keys`. */
  keys: string[];
}

/**
 * A workspace with the sample templates, the order-shipped starter published (trigger `order.shipped`)
 * and `keys` API keys; with `sandbox`, connected to that sandbox account (its token sealed with the key
 * the app server is given), else with a connection that has no number (its runs fail at the send).
 */
export async function seedPublishedFlow(
  sql: postgres.Sql,
  options: {
    keys: number;
    sandbox?: { wabaId: string; accessToken: string; phoneNumberId: string; displayPhone: string };
  },
): Promise<SeededWorkspace> {
  const workspace = crypto.randomUUID();
  const connection = crypto.randomUUID();
  const flow = crypto.randomUUID();
  const { sandbox } = options;
  // Imported here: server modules load only under `tsx --conditions=react-server` (bench:latency).
  const sealed = sandbox
    ? await import("../../server/crypto").then(({ buildKeyring, encryptSecret }) =>
        encryptSecret(sandbox.accessToken, buildKeyring(TEST_TOKEN_ENCRYPTION_KEY)),
      )
    : null;
  await sql`insert into workspaces (id, slug, name) values (${workspace}, ${`bench-${Date.now()}`}, 'Bench')`;
  await sql`insert into whatsapp_connections (id, workspace_id, kind, method, waba_id, access_token_sealed)
            values (${connection}, ${workspace}, 'sandbox', 'sandbox', ${sandbox?.wabaId ?? "bench-waba"}, ${sealed})`;
  if (sandbox) {
    await sql`insert into phone_numbers (id, workspace_id, connection_id, meta_phone_number_id, display_phone_number, throughput_per_second, is_default)
              values (${crypto.randomUUID()}, ${workspace}, ${connection}, ${sandbox.phoneNumberId}, ${sandbox.displayPhone}, 80, true)`;
  }
  for (const t of SAMPLE_TEMPLATES) {
    await sql`insert into templates (workspace_id, id, meta_template_id, name, language, category, status, parameter_format, components)
              values (${workspace}, ${crypto.randomUUID()}, ${crypto.randomUUID()}, ${t.name}, ${t.language}, ${t.category}, ${t.status},
                      ${t.parameterFormat}, ${JSON.stringify(t.components)}::jsonb)`;
  }
  const doc = starterDocument("order-shipped");
  await sql`insert into flows (id, workspace_id, name, status, draft, published_version)
            values (${flow}, ${workspace}, 'Order shipped', 'published', ${JSON.stringify(doc)}::jsonb, 1)`;
  await sql`insert into flow_versions (id, flow_id, workspace_id, number, document)
            values (${crypto.randomUUID()}, ${flow}, ${workspace}, 1, ${JSON.stringify(doc)}::jsonb)`;
  const keys = Array.from(
    { length: options.keys },
    () => `rqk_${crypto.randomBytes(30).toString("base64url")}`,
  );
  for (const [i, key] of keys.entries()) {
    const hash = crypto.createHash("sha256").update(key).digest("hex");
    await sql`insert into api_keys (id, workspace_id, name, prefix, key_hash, scopes)
              values (${crypto.randomUUID()}, ${workspace}, ${`bench ${i}`}, ${key.slice(0, 12)}, ${hash}, ${JSON.stringify(["events:write"])}::jsonb)`;
  }
  return { workspaceId: workspace, keys };
}
