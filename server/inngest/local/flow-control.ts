import { and, count, desc, eq, gt, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { executorRuns } from "@/db/schema";
import { celKey } from "./cel";
import type { EngineContext, RegisteredFunction } from "./context";
import type { RunEvent } from "./protocol";
import { parseDuration } from "./time";

/**
 * Function-level flow control, decided when a run is created: idempotency and rateLimit skip the run,
 * throttle delays its start, concurrency is resolved to keys the scheduler counts in-flight calls by.
 * Keys are CEL over `event`; a key that fails to evaluate counts as the empty key.
 */
const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;

export interface RunAdmission {
  admitted: boolean;
  reason?: "idempotency" | "rateLimit";
  idempotencyKey: string | null;
  rateLimitKey: string | null;
  throttleKey: string | null;
  scheduledAt: Date;
  concurrency: { key: string; limit: number }[];
}

/** Serialises admissions of one key across transactions (and processes, on Postgres). */
async function lockKey(tx: Transaction, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

function keyOf(expression: string | undefined, event: RunEvent): string {
  return expression ? (celKey(expression, { event }) ?? "") : "";
}

export async function admitRun(
  tx: Transaction,
  ctx: EngineContext,
  fn: RegisteredFunction,
  event: RunEvent,
): Promise<RunAdmission> {
  const now = ctx.now();
  const { config } = fn;
  const base = and(eq(executorRuns.namespace, ctx.namespace), eq(executorRuns.functionId, fn.id));
  const admission: RunAdmission = {
    admitted: true,
    idempotencyKey: null,
    rateLimitKey: null,
    throttleKey: null,
    scheduledAt: now,
    concurrency: concurrencyKeys(fn, event),
  };

  if (config.idempotency) {
    const key = celKey(config.idempotency, { event });
    if (key !== undefined) {
      admission.idempotencyKey = key;
      await lockKey(tx, `${ctx.namespace}:${fn.id}:idempotency:${key}`);
      const [seen] = await tx
        .select({ id: executorRuns.id })
        .from(executorRuns)
        .where(
          and(
            base,
            eq(executorRuns.idempotencyKey, key),
            gt(executorRuns.createdAt, new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS)),
          ),
        )
        .limit(1);
      if (seen) return { ...admission, admitted: false, reason: "idempotency" };
    }
  }

  if (config.rateLimit) {
    const key = keyOf(config.rateLimit.key, event);
    const period = parseDuration(config.rateLimit.period) ?? 0;
    admission.rateLimitKey = key;
    await lockKey(tx, `${ctx.namespace}:${fn.id}:rateLimit:${key}`);
    const [row] = await tx
      .select({ n: count() })
      .from(executorRuns)
      .where(
        and(
          base,
          eq(executorRuns.rateLimitKey, key),
          gt(executorRuns.createdAt, new Date(now.getTime() - period)),
        ),
      );
    if ((row?.n ?? 0) >= config.rateLimit.limit)
      return { ...admission, admitted: false, reason: "rateLimit" };
  }

  if (config.throttle && config.throttle.limit > 0) {
    // Starts t1 ≤ t2 ≤ … with t(n) ≥ t(n-limit) + period: no window of `period` holds more than `limit`
    // starts. Runs over the limit are queued, not dropped. `burst` is not supported.
    const key = keyOf(config.throttle.key, event);
    const period = parseDuration(config.throttle.period) ?? 0;
    admission.throttleKey = key;
    await lockKey(tx, `${ctx.namespace}:${fn.id}:throttle:${key}`);
    const recent = await tx
      .select({ at: executorRuns.scheduledAt })
      .from(executorRuns)
      .where(and(base, eq(executorRuns.throttleKey, key)))
      .orderBy(desc(executorRuns.scheduledAt))
      .limit(config.throttle.limit);
    let start = now.getTime();
    const latest = recent[0];
    if (latest) start = Math.max(start, latest.at.getTime());
    const nth = recent[config.throttle.limit - 1];
    if (nth) start = Math.max(start, nth.at.getTime() + period);
    admission.scheduledAt = new Date(start);
  }
  return admission;
}

/** `concurrency` resolved for one run: the scheduler allows `limit` calls in flight per key. */
export function concurrencyKeys(fn: RegisteredFunction, event: RunEvent): { key: string; limit: number }[] {
  const option = fn.config.concurrency;
  if (option === undefined) return [];
  const list = typeof option === "number" ? [{ limit: option }] : Array.isArray(option) ? option : [option];
  return list
    .filter((entry) => entry.limit > 0)
    .map((entry) => {
      const scope = "scope" in entry && entry.scope ? entry.scope : "fn";
      const expression = "key" in entry ? entry.key : undefined;
      const value = keyOf(expression, event);
      const owner = scope === "fn" ? fn.id : scope;
      return { key: `${owner}|${expression ?? ""}|${value}`, limit: entry.limit };
    });
}
