import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, min, or, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { executorEvents, executorJobs, executorRuns, executorSteps } from "@/db/schema";
import type { JobRow, RunRow } from "./runs";

/**
 * The executor's queue is executor_jobs: calls (claimed while their HTTP call is in flight) and timers
 * (sleeps, wait and invoke timeouts). These are its queries; executor.ts drives them from one loop.
 */
const TIMER_KINDS = ["sleep", "wait", "invoke"] as const;
const ACTIVE = ["queued", "running"] as const;
const CLAIM_BATCH = 50;
const CLAIM_PAGES = 10;
const EVENT_KEEP_MS = 24 * 3600_000;

export interface ClaimedCall {
  job: JobRow;
  run: RunRow;
  /** The run's memoised steps in completion order. */
  steps: { stepId: string; result: unknown }[];
}

/**
 * Takes due calls (FOR UPDATE SKIP LOCKED) of known functions, in due order, as long as `admit` lets each
 * one in (global and per-key concurrency), marks them claimed until `lease`, and starts their runs.
 */
export async function claimDueCalls(
  tx: Transaction,
  options: {
    namespace: string;
    now: Date;
    lease: Date;
    functionIds: string[];
    room: number;
    admit: (run: RunRow) => boolean;
  },
): Promise<ClaimedCall[]> {
  const { namespace, now, lease, functionIds, room } = options;
  if (room <= 0 || functionIds.length === 0) return [];
  const chosen: { job: JobRow; run: RunRow }[] = [];
  // Page past calls held back by their concurrency key, so they never starve the others.
  for (let page = 0; page < CLAIM_PAGES && chosen.length < room; page++) {
    const rows = await tx
      .select({ job: executorJobs, run: executorRuns })
      .from(executorJobs)
      .innerJoin(executorRuns, eq(executorRuns.id, executorJobs.runId))
      .where(
        and(
          eq(executorJobs.namespace, namespace),
          eq(executorJobs.kind, "call"),
          lte(executorJobs.dueAt, now),
          or(isNull(executorJobs.claimedUntil), lt(executorJobs.claimedUntil, now)),
          inArray(executorRuns.status, [...ACTIVE]),
          inArray(executorRuns.functionId, functionIds),
        ),
      )
      .orderBy(asc(executorJobs.dueAt), asc(executorJobs.id))
      .limit(CLAIM_BATCH)
      .offset(page * CLAIM_BATCH)
      .for("update", { of: executorJobs, skipLocked: true });
    for (const row of rows) {
      if (chosen.length >= room) break;
      if (options.admit(row.run)) chosen.push(row);
    }
    if (rows.length < CLAIM_BATCH) break;
  }
  if (chosen.length === 0) return [];
  await tx
    .update(executorJobs)
    .set({ claimedUntil: lease })
    .where(
      inArray(
        executorJobs.id,
        chosen.map((r) => r.job.id),
      ),
    );
  const runIds = [...new Set(chosen.map((r) => r.run.id))];
  await tx
    .update(executorRuns)
    .set({ status: "running", startedAt: now })
    .where(and(inArray(executorRuns.id, runIds), eq(executorRuns.status, "queued")));
  const steps = await tx
    .select()
    .from(executorSteps)
    .where(inArray(executorSteps.runId, runIds))
    .orderBy(asc(executorSteps.seq));
  return chosen.map((row) => ({ ...row, steps: steps.filter((s) => s.runId === row.run.id) }));
}

/** Calls a previous process left claimed: released at start, to be issued again. */
export async function releaseClaims(db: Database, namespace: string): Promise<void> {
  await db
    .update(executorJobs)
    .set({ claimedUntil: null })
    .where(and(eq(executorJobs.namespace, namespace), isNotNull(executorJobs.claimedUntil)));
}

export async function dueTimers(
  db: Database,
  namespace: string,
  now: Date,
  limit: number,
): Promise<JobRow[]> {
  return db
    .select()
    .from(executorJobs)
    .where(
      and(
        eq(executorJobs.namespace, namespace),
        inArray(executorJobs.kind, [...TIMER_KINDS]),
        lte(executorJobs.dueAt, now),
      ),
    )
    .orderBy(asc(executorJobs.dueAt))
    .limit(limit);
}

/** The earliest future due time of an unclaimed job. */
export async function nextJobDueAt(db: Database, namespace: string, now: Date): Promise<Date | undefined> {
  const [row] = await db
    .select({ next: min(executorJobs.dueAt) })
    .from(executorJobs)
    .where(
      and(
        eq(executorJobs.namespace, namespace),
        gt(executorJobs.dueAt, now),
        isNull(executorJobs.claimedUntil),
      ),
    );
  return row?.next ? new Date(row.next) : undefined;
}

/** A timer due, or an unclaimed call of a known function due: work the loop has still to do now. */
export async function hasDueJobs(
  db: Database,
  namespace: string,
  now: Date,
  functionIds: string[],
): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(executorJobs)
    .innerJoin(executorRuns, eq(executorRuns.id, executorJobs.runId))
    .where(
      and(
        eq(executorJobs.namespace, namespace),
        lte(executorJobs.dueAt, now),
        or(
          inArray(executorJobs.kind, [...TIMER_KINDS]),
          and(
            eq(executorJobs.kind, "call"),
            isNull(executorJobs.claimedUntil),
            functionIds.length > 0 ? inArray(executorRuns.functionId, functionIds) : sql`false`,
          ),
        ),
      ),
    );
  return (row?.n ?? 0) > 0;
}

export async function countActiveRuns(db: Database, namespace: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(executorRuns)
    .where(and(eq(executorRuns.namespace, namespace), inArray(executorRuns.status, [...ACTIVE])));
  return row?.n ?? 0;
}

/** Events are kept 24 h (event-id idempotency), ended runs `keepRunsMs` (their events may hold phone numbers). */
export async function pruneExecutorState(
  db: Database,
  namespace: string,
  now: Date,
  keepRunsMs: number,
): Promise<void> {
  await db
    .delete(executorEvents)
    .where(
      and(
        eq(executorEvents.namespace, namespace),
        lt(executorEvents.receivedAt, new Date(now.getTime() - EVENT_KEEP_MS)),
      ),
    );
  await db
    .delete(executorRuns)
    .where(
      and(
        eq(executorRuns.namespace, namespace),
        inArray(executorRuns.status, ["completed", "failed", "cancelled"]),
        lt(executorRuns.endedAt, new Date(now.getTime() - keepRunsMs)),
      ),
    );
}
