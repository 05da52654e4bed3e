/**
 * Test harness of the local executor: the real `inngest` SDK serving functions on a node:http server,
 * synced to an executor on a free port. Used by *.int.test.ts here only.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import type { Database } from "@/db/client";
import { createLocalExecutor, type LocalExecutor, type LocalExecutorOptions } from "./index";

export interface Harness {
  executor: LocalExecutor;
  client: Inngest;
  appId: string;
  appUrl: string;
  namespace: string;
  /** The function id as the executor knows it: `<app>-<fn>`. */
  fnId: (id: string) => string;
  close: () => Promise<void>;
}

type AnyFunction = InngestFunction.Any;

const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

export async function listen(server: http.Server, port = 0): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

export async function startHarness(
  db: Database,
  build: (client: Inngest) => AnyFunction[],
  options: Partial<LocalExecutorOptions> & { appId?: string } = {},
): Promise<Harness> {
  let listener: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const app = http.createServer((req, res) => listener(req, res));
  const appPort = await listen(app);
  const appUrl = `http://127.0.0.1:${appPort}/api/inngest`;
  const namespace = options.namespace ?? `test-${crypto.randomUUID()}`;
  const appId = options.appId ?? `local-${crypto.randomUUID().slice(0, 8)}`;
  const executor = createLocalExecutor({
    db,
    port: 0,
    appUrls: [appUrl],
    namespace,
    retryBaseMs: 50,
    resyncIntervalMs: 0,
    pollIntervalMs: 200,
    stopGraceMs: 200,
    ...options,
  });
  await executor.start();
  const client = new Inngest({
    id: appId,
    isDev: true,
    baseUrl: executor.url,
    eventKey: "local-test",
    // The functions under test throw on purpose; keep their stack traces out of the test output.
    ...(process.env.LOG_LEVEL === "debug" ? {} : { logger: quiet, internalLogger: quiet }),
  });
  listener = serve({ client, functions: build(client) });
  await executor.sync();
  return {
    executor,
    client,
    appId,
    appUrl,
    namespace,
    fnId: (id) => `${appId}-${id}`,
    close: async () => {
      await executor.stop();
      await new Promise<void>((resolve) => {
        app.close(() => resolve());
        app.closeAllConnections();
      });
    },
  };
}

/** Resolves when `check` holds, polling; rejects after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
