import { and, eq, notInArray } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database } from "@/db/client";
import { executorFunctions } from "@/db/schema";
import type { RegisteredFunction } from "./context";
import { parseCron } from "./cron";
import {
  functionConfigSchema,
  maxAttemptsOf,
  runtimeUrlOf,
  SUPPORTED_OPTIONS,
  type FunctionConfig,
} from "./protocol";

/**
 * The functions apps synced, kept in executor_functions so that after a restart runs resume and events
 * start runs before the app answers its first sync (a Next.js dev server may still be compiling).
 */
export async function registerApp(
  db: Database,
  options: { namespace: string; appId: string; appUrl: string; functions: unknown[]; now: Date; log: Logger },
): Promise<number> {
  const { namespace, appId, appUrl, now, log } = options;
  const configs: FunctionConfig[] = [];
  for (const raw of options.functions) {
    const parsed = functionConfigSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ appId, problem: parsed.error.message }, "function config not understood; skipped");
      continue;
    }
    if (!runtimeUrlOf(parsed.data)) {
      log.warn({ functionId: parsed.data.id }, "function has no runtime URL; skipped");
      continue;
    }
    const ignored = Object.keys(parsed.data).filter(
      (key) => !SUPPORTED_OPTIONS.has(key) && parsed.data[key] !== undefined,
    );
    if (ignored.length > 0)
      log.debug({ functionId: parsed.data.id, ignored }, "function options not supported locally");
    for (const trigger of parsed.data.triggers) {
      if (!("cron" in trigger)) continue;
      try {
        parseCron(trigger.cron);
      } catch (error) {
        log.warn(
          { functionId: parsed.data.id, cron: trigger.cron, problem: String(error) },
          "cron not supported",
        );
      }
    }
    configs.push(parsed.data);
  }
  await db.transaction(async (tx) => {
    for (const config of configs) {
      const values = { namespace, id: config.id, appId, appUrl, config, syncedAt: now };
      await tx
        .insert(executorFunctions)
        .values(values)
        .onConflictDoUpdate({ target: [executorFunctions.namespace, executorFunctions.id], set: values });
    }
    const kept = configs.map((c) => c.id);
    const sameApp = and(eq(executorFunctions.namespace, namespace), eq(executorFunctions.appId, appId));
    await tx
      .delete(executorFunctions)
      .where(kept.length > 0 ? and(sameApp, notInArray(executorFunctions.id, kept)) : sameApp);
  });
  return configs.length;
}

export async function loadFunctions(
  db: Database,
  namespace: string,
): Promise<Map<string, RegisteredFunction>> {
  const rows = await db.select().from(executorFunctions).where(eq(executorFunctions.namespace, namespace));
  const functions = new Map<string, RegisteredFunction>();
  for (const row of rows) {
    const parsed = functionConfigSchema.safeParse(row.config);
    const url = parsed.success ? runtimeUrlOf(parsed.data) : undefined;
    if (!parsed.success || !url) continue;
    functions.set(row.id, {
      id: row.id,
      appId: row.appId,
      config: parsed.data,
      url,
      maxAttempts: maxAttemptsOf(parsed.data),
    });
  }
  return functions;
}
