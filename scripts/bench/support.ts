/**
 * Shared by the benchmarks: a production server of this checkout on a free port with a throwaway embedded
 * database, and a signed-in API session against it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {
  TEST_AUTH_SECRET,
  TEST_META_APP_SECRET,
  TEST_TOKEN_ENCRYPTION_KEY,
  TEST_WEBHOOK_VERIFY_TOKEN,
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
