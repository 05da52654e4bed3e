import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/*
 * State of the local Inngest executor (server/inngest/local): the offline stand-in for the Inngest dev
 * server. Apart from the app's own tables (runs, run_steps), which the run history reads; nothing outside
 * server/inngest/local reads these. `namespace` keeps executors that share one Postgres database (parallel
 * test files) out of each other's way.
 */

export const EXECUTOR_RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type ExecutorRunStatus = (typeof EXECUTOR_RUN_STATUSES)[number];

/** call: an HTTP call to the function (step_id null = discovery) · sleep · wait (for an event) · invoke (a child run). */
export const EXECUTOR_JOB_KINDS = ["call", "sleep", "wait", "invoke"] as const;
export type ExecutorJobKind = (typeof EXECUTOR_JOB_KINDS)[number];

/** Function configurations as the SDK synced them, so runs resume and events trigger before the next sync. */
export const executorFunctions = pgTable(
  "executor_functions",
  {
    namespace: text("namespace").notNull(),
    /** `<app id>-<function id>`, as the SDK sends it. */
    id: text("id").notNull(),
    appId: text("app_id").notNull(),
    appUrl: text("app_url").notNull(),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.namespace, t.id] })],
);

/** Events received, kept 24 h: a user-set event id is an idempotency key for that long, as in Inngest. */
export const executorEvents = pgTable(
  "executor_events",
  {
    id: text("id").primaryKey(),
    namespace: text("namespace").notNull(),
    name: text("name").notNull(),
    /** The id the sender set, if any. */
    externalId: text("external_id"),
    event: jsonb("event").$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("executor_events_external").on(t.namespace, t.externalId, t.receivedAt),
    index("executor_events_received").on(t.receivedAt),
  ],
);

export const executorRuns = pgTable(
  "executor_runs",
  {
    id: text("id").primaryKey(),
    namespace: text("namespace").notNull(),
    functionId: text("function_id").notNull(),
    status: text("status").$type<ExecutorRunStatus>().notNull(),
    /** The trigger event, exactly as the function receives it. */
    event: jsonb("event").$type<Record<string, unknown>>().notNull(),
    /** Set after a multi-op answer (parallel steps), cleared before the next discovery call. */
    disableImmediateExecution: boolean("disable_immediate_execution").notNull().default(false),
    idempotencyKey: text("idempotency_key"),
    throttleKey: text("throttle_key"),
    rateLimitKey: text("rate_limit_key"),
    /** `concurrency` of the function, resolved for this run's event: [{ key, limit }]. */
    concurrency: jsonb("concurrency").$type<{ key: string; limit: number }[]>().notNull().default([]),
    /** A run started by step.invoke: the parent's run and step that wait for its result. */
    parentRunId: text("parent_run_id"),
    parentStepId: text("parent_step_id"),
    calls: integer("calls").notNull().default(0),
    output: jsonb("output"),
    error: jsonb("error").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** When the first call may go out (later than createdAt when throttled). */
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("executor_runs_function").on(t.namespace, t.functionId, t.createdAt),
    index("executor_runs_status").on(t.namespace, t.status),
    index("executor_runs_idempotency").on(t.namespace, t.functionId, t.idempotencyKey),
  ],
);

/** Memoised step results: `result` is what the SDK gets back for the step (null for a sleep or a timed-out wait). */
export const executorSteps = pgTable(
  "executor_steps",
  {
    runId: text("run_id")
      .notNull()
      .references(() => executorRuns.id, { onDelete: "cascade" }),
    /** The hashed step id. */
    stepId: text("step_id").notNull(),
    /** Completion order: the SDK's `ctx.stack`. */
    seq: integer("seq").notNull(),
    result: jsonb("result"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] })],
);

/** Outstanding work of a run; a run with no job and no end is waiting for nothing (a bug). */
export const executorJobs = pgTable(
  "executor_jobs",
  {
    id: text("id").primaryKey(),
    namespace: text("namespace").notNull(),
    runId: text("run_id")
      .notNull()
      .references(() => executorRuns.id, { onDelete: "cascade" }),
    kind: text("kind").$type<ExecutorJobKind>().notNull(),
    /** call: the step to target (null = discovery); sleep/wait/invoke: the op id whose result this job saves. */
    stepId: text("step_id"),
    attempt: integer("attempt").notNull().default(0),
    /** call: not before · sleep: until · wait/invoke: timeout (null = none). */
    dueAt: timestamp("due_at", { withTimezone: true }),
    /** wait: the event name and the CEL `if`. */
    eventName: text("event_name"),
    condition: text("condition"),
    /** invoke: the child run. */
    childRunId: text("child_run_id"),
    /** call: taken by the executor until then (its HTTP call is in flight). */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("executor_jobs_due").on(t.namespace, t.kind, t.dueAt),
    index("executor_jobs_wait").on(t.namespace, t.eventName),
    index("executor_jobs_run").on(t.runId),
  ],
);
