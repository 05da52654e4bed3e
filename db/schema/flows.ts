import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { FlowDocument } from "../../lib/flow/schema";
import { users } from "./auth";
import { workspaces } from "./workspaces";

export const FLOW_STATUSES = ["draft", "published", "archived"] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];

/** A flow and its editable draft. `revision` grows on every save: a stale save is a conflict. */
export const flows = pgTable(
  "flows",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    status: text("status").$type<FlowStatus>().notNull().default("draft"),
    draft: jsonb("draft").$type<FlowDocument>().notNull(),
    revision: integer("revision").notNull().default(1),
    /** The newest published version number, null while never published. */
    publishedVersion: integer("published_version"),
    /** A contact already in a run of this flow: skip the new trigger, restart, or queue it. */
    runPolicy: text("run_policy").$type<"skip" | "restart" | "queue">().notNull().default("skip"),
    /** Inbound keyword triggers: the matching published flow with the highest priority starts. */
    priority: integer("priority").notNull().default(0),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("flows_workspace_status").on(t.workspaceId, t.status, t.updatedAt)],
);

/** Immutable published versions: a run is pinned to the one it started on. */
export const flowVersions = pgTable(
  "flow_versions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    flowId: text("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    document: jsonb("document").$type<FlowDocument>().notNull(),
    note: text("note").notNull().default(""),
    publishedBy: text("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("flow_versions_flow_number").on(t.flowId, t.number)],
);
