import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { RunState } from "../../lib/flow/engine-types";
import { users } from "./auth";
import { contacts } from "./contacts";
import { flows } from "./flows";
import { workspaces } from "./workspaces";

/** queued (waiting for the contact's active run, policy "queue") → running → completed | failed | cancelled. */
export const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const TRIGGER_SOURCES = ["api", "webhook", "keyword", "manual"] as const;
export type TriggerSource = (typeof TRIGGER_SOURCES)[number];

/** What a flow does when a contact who is already in one of its runs triggers it again. */
export const RUN_POLICIES = ["skip", "restart", "queue"] as const;
export type RunPolicy = (typeof RUN_POLICIES)[number];

/** Every event a trigger received: the REST API, an integration hook, an inbound keyword, a manual start. */
export const triggerEvents = pgTable(
  "trigger_events",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").$type<TriggerSource>().notNull(),
    name: text("name").notNull(),
    /** Unique per workspace for 24 h (older keys are purged). */
    idempotencyKey: text("idempotency_key"),
    contactPhone: text("contact_phone"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    apiKeyId: text("api_key_id"),
    /** Runs it started, and why others did not start (skipped by policy, suppressed …). */
    outcome: jsonb("outcome").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Null while the event waits to be processed: the REST API stores events and answers 202, and the
     * trigger processor starts their runs after the answer (server/services/runs/process-events.ts).
     */
    processedAt: timestamp("processed_at", { withTimezone: true }),
    /** Processing attempts that failed (a database error): after a few the event is closed with an error. */
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [
    uniqueIndex("trigger_events_idempotency")
      .on(t.workspaceId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index("trigger_events_workspace_created").on(t.workspaceId, t.createdAt),
    index("trigger_events_pending")
      .on(t.createdAt)
      .where(sql`${t.processedAt} is null`),
  ],
);

/** One run of a published flow version for one contact. */
export const runs = pgTable(
  "runs",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    flowId: text("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    /** The published version the run is pinned to. */
    flowVersion: integer("flow_version").notNull(),
    contactId: text("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    status: text("status").$type<RunStatus>().notNull(),
    /** The engine's state after the last step (lib/flow/engine.ts). */
    state: jsonb("state").$type<RunState>(),
    /** What the run waits for now: reply, sleep, send; null when not waiting. */
    waitingFor: text("waiting_for"),
    currentNodeId: text("current_node_id"),
    triggerSource: text("trigger_source").$type<TriggerSource>().notNull(),
    triggerEventId: text("trigger_event_id").references(() => triggerEvents.id, { onDelete: "set null" }),
    /** The trigger node that fired (a flow may have several kinds of trigger over its versions). */
    triggerNodeId: text("trigger_node_id"),
    startedBy: text("started_by").references(() => users.id, { onDelete: "set null" }),
    failureCode: text("failure_code"),
    failureMessage: text("failure_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("runs_one_active_per_contact")
      .on(t.flowId, t.contactId)
      .where(sql`${t.status} = 'running'`),
    index("runs_workspace_created").on(t.workspaceId, t.createdAt),
    index("runs_flow_created").on(t.flowId, t.createdAt),
    index("runs_contact").on(t.contactId, t.status),
  ],
);

export const RUN_STEP_STATUSES = ["running", "waiting", "completed", "failed", "skipped"] as const;
export type RunStepStatus = (typeof RUN_STEP_STATUSES)[number];

/** The run history: one row per node visit (and per extra effect within a visit). */
export const runSteps = pgTable(
  "run_steps",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    flowId: text("flow_id").notNull(),
    nodeId: text("node_id").notNull(),
    nodeType: text("node_type").notNull(),
    visit: integer("visit").notNull(),
    /** Position on the run's path (the order of the history). */
    seq: integer("seq").notNull().default(0),
    stepKey: text("step_key").notNull(),
    status: text("status").$type<RunStepStatus>().notNull(),
    /** The output handle taken (branch), once known. */
    handle: text("handle"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    /** Why the visit failed: the engine's code and English message, and the values the UI translates with. */
    error: jsonb("error").$type<{
      code: string;
      message: string;
      metaCode?: number;
      params?: Record<string, unknown>;
    } | null>(),
    messageId: text("message_id"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("run_steps_run_step").on(t.runId, t.stepKey),
    index("run_steps_flow_started").on(t.flowId, t.startedAt),
  ],
);

/** Workspace API keys for the REST trigger API: only a hash is stored, the prefix identifies it. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    scopes: jsonb("scopes").$type<string[]>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_keys_workspace").on(t.workspaceId)],
);

/** Integration webhooks: one public URL per webhook trigger, with its secret sealed. */
export const flowHooks = pgTable(
  "flow_hooks",
  {
    /** The public id in /api/hooks/[hookId]. */
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    flowId: text("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    /** hmac: X-Raqi-Signature: sha256=<hex> over the raw body · bearer: Authorization: Bearer <secret>. */
    authKind: text("auth_kind").$type<"hmac" | "bearer">().notNull().default("hmac"),
    secretSealed: text("secret_sealed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    rotatedAt: timestamp("rotated_at", { withTimezone: true }),
    lastReceivedAt: timestamp("last_received_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("flow_hooks_flow_node").on(t.flowId, t.nodeId)],
);
