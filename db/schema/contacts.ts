import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaces } from "./workspaces";

/** The people a workspace messages, one row per E.164 number. */
export const contacts = pgTable(
  "contacts",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** E.164, e.g. +16505551234. */
    phone: text("phone").notNull(),
    waId: text("wa_id"),
    /** The WhatsApp profile name, or the name an event gave. */
    name: text("name"),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    consentSource: text("consent_source"),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    /** Opens the 24-hour customer-service window. */
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    /** Pair-rate pacing cursor: one message per 6 s per recipient. */
    nextSendAt: timestamp("next_send_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contacts_workspace_phone").on(t.workspaceId, t.phone),
    index("contacts_workspace_updated").on(t.workspaceId, t.updatedAt),
  ],
);

export const SUPPRESSION_SCOPES = ["marketing", "all"] as const;
export type SuppressionScope = (typeof SUPPRESSION_SCOPES)[number];

/**
 * Who must not be messaged. Keyed by a hash of the number, so a suppression outlives the deletion of
 * the contact it came from (a deleted person must stay opted out).
 */
export const suppressions = pgTable(
  "suppressions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    phoneHash: text("phone_hash").notNull(),
    scope: text("scope").$type<SuppressionScope>().notNull(),
    /** keyword, button, user_preferences, meta_131050, manual, privacy_request, api */
    source: text("source").notNull(),
    detail: text("detail"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("suppressions_workspace_phone_scope").on(t.workspaceId, t.phoneHash, t.scope)],
);

/** Per-workspace opt-out and opt-in words; absent row = the defaults of lib/whatsapp/opt-out.ts. */
export const optOutSettings = pgTable("opt_out_settings", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  optOutKeywords: jsonb("opt_out_keywords").$type<string[]>().notNull(),
  optInKeywords: jsonb("opt_in_keywords").$type<string[]>().notNull(),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});
