import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaces } from "./workspaces";

export const CONNECTION_KINDS = ["meta", "sandbox"] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];
/** active: sends work · broken: Meta refused the token (190) or the account (368), reconnect · disconnected: token destroyed. */
export const CONNECTION_STATUSES = ["active", "broken", "disconnected"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** A workspace's WhatsApp Business Account. At most one that is not disconnected per workspace. */
export const whatsappConnections = pgTable(
  "whatsapp_connections",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind").$type<ConnectionKind>().notNull(),
    /** How it was made: embedded_signup, manual or sandbox. */
    method: text("method").notNull(),
    status: text("status").$type<ConnectionStatus>().notNull().default("active"),
    wabaId: text("waba_id").notNull(),
    businessId: text("business_id"),
    businessName: text("business_name"),
    /** AES-256-GCM sealed with a key id (server/crypto.ts); null once disconnected. Never sent to the browser. */
    accessTokenSealed: text("access_token_sealed"),
    statusReason: text("status_reason"),
    connectedBy: text("connected_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    disconnectedAt: timestamp("disconnected_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("whatsapp_connections_one_live")
      .on(t.workspaceId)
      .where(sql`${t.status} <> 'disconnected'`),
    index("whatsapp_connections_waba").on(t.wabaId),
  ],
);

/** Sender numbers of a connection. `nextSendAt` is the pacing cursor shared by every replica. */
export const phoneNumbers = pgTable(
  "phone_numbers",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    connectionId: text("connection_id")
      .notNull()
      .references(() => whatsappConnections.id, { onDelete: "cascade" }),
    /** Meta's phone number id: webhooks are routed to a workspace by it. */
    metaPhoneNumberId: text("meta_phone_number_id").notNull(),
    displayPhoneNumber: text("display_phone_number").notNull(),
    verifiedName: text("verified_name"),
    qualityRating: text("quality_rating"),
    messagingLimitTier: text("messaging_limit_tier"),
    /** Messages per second Meta allows this number (80 by default, 1,000 after an upgrade). */
    throughputPerSecond: integer("throughput_per_second").notNull().default(80),
    nextSendAt: timestamp("next_send_at", { withTimezone: true }).notNull().defaultNow(),
    isDefault: boolean("is_default").notNull().default(false),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("phone_numbers_meta_id_active")
      .on(t.metaPhoneNumberId)
      .where(sql`${t.active}`),
    index("phone_numbers_workspace").on(t.workspaceId),
  ],
);

/**
 * Every signed webhook POST, stored before the 200. `bodyHash` dedupes replays of the same POST;
 * updates inside are applied idempotently, so re-processing a row is always safe.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bodyHash: text("body_hash").notNull().unique(),
    payload: jsonb("payload").notNull(),
    updateCount: integer("update_count").notNull().default(0),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
  },
  (t) => [
    index("webhook_events_pending")
      .on(t.nextAttemptAt)
      .where(sql`${t.processedAt} is null`),
  ],
);
