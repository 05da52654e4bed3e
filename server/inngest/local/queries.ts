import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { executorJobs, executorRuns, executorSteps, type ExecutorRunStatus } from "@/db/schema";

/**
 * Read-only views of the executor's runs, for tests and debugging. Raqi's run history does not use them:
 * it has its own tables (runs, run_steps), written by the flow functions themselves.
 */
export interface ExecutorRun {
  id: string;
  functionId: string;
  status: ExecutorRunStatus;
  event: Record<string, unknown>;
  output: unknown;
  error: Record<string, unknown> | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  parentRunId: string | null;
}

export interface ExecutorRunDetail extends ExecutorRun {
  /** Memoised step results in completion order. */
  steps: { stepId: string; result: unknown }[];
  /** What the run is waiting on. */
  jobs: {
    kind: string;
    stepId: string | null;
    attempt: number;
    dueAt: Date | null;
    eventName: string | null;
  }[];
}

export interface ListRunsFilter {
  functionId?: string;
  status?: ExecutorRunStatus;
  limit?: number;
}

const runColumns = {
  id: executorRuns.id,
  functionId: executorRuns.functionId,
  status: executorRuns.status,
  event: executorRuns.event,
  output: executorRuns.output,
  error: executorRuns.error,
  createdAt: executorRuns.createdAt,
  startedAt: executorRuns.startedAt,
  endedAt: executorRuns.endedAt,
  parentRunId: executorRuns.parentRunId,
};

export async function listRuns(
  db: Database,
  namespace: string,
  filter: ListRunsFilter = {},
): Promise<ExecutorRun[]> {
  const conditions: SQL[] = [eq(executorRuns.namespace, namespace)];
  if (filter.functionId) conditions.push(eq(executorRuns.functionId, filter.functionId));
  if (filter.status) conditions.push(eq(executorRuns.status, filter.status));
  return db
    .select(runColumns)
    .from(executorRuns)
    .where(and(...conditions))
    .orderBy(desc(executorRuns.createdAt), desc(executorRuns.id))
    .limit(filter.limit ?? 100);
}

export async function getRun(
  db: Database,
  namespace: string,
  runId: string,
): Promise<ExecutorRunDetail | undefined> {
  return db.transaction(async (tx) => {
    const [run] = await tx
      .select(runColumns)
      .from(executorRuns)
      .where(and(eq(executorRuns.namespace, namespace), eq(executorRuns.id, runId)));
    if (!run) return undefined;
    const steps = await tx
      .select({ stepId: executorSteps.stepId, result: executorSteps.result })
      .from(executorSteps)
      .where(eq(executorSteps.runId, runId))
      .orderBy(asc(executorSteps.seq));
    const jobs = await tx
      .select({
        kind: executorJobs.kind,
        stepId: executorJobs.stepId,
        attempt: executorJobs.attempt,
        dueAt: executorJobs.dueAt,
        eventName: executorJobs.eventName,
      })
      .from(executorJobs)
      .where(eq(executorJobs.runId, runId))
      .orderBy(asc(executorJobs.createdAt));
    return { ...run, steps, jobs };
  });
}
