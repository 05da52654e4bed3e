import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { contacts } from "./contacts";
import { phoneNumbers } from "./whatsapp";
import { workspaces } from "./workspaces";

export const MESSAGE_DIRECTIONS = ["out", "in"] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/**
 * Outbound: pending (recorded, not yet accepted by Meta) → accepted → sent → delivered → read, or failed.
 * Inbound: received. Status only moves forward (see MESSAGE_STATUS_RANK); failed is overtaken only by
 * a delivered/read that proves delivery.
 */
export const MESSAGE_STATUSES = [
  "pending",
  "accepted",
  "sent",
  "failed",
  "delivered",
  "read",
  "received",
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const MESSAGE_STATUS_RANK: Record<MessageStatus, number> = {
  pending: 0,
  accepted: 1,
  sent: 2,
  failed: 3,
  delivered: 4,
  read: 5,
  received: 0,
};

export const messages = pgTable(
  "messages",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    phoneNumberId: text("phone_number_id").references(() => phoneNumbers.id, { onDelete: "set null" }),
    contactId: text("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    direction: text("direction").$type<MessageDirection>().notNull(),
    /** Meta's message id; null until Meta accepts an outbound message. */
    wamid: text("wamid").unique(),
    /** A flow step's send: (runId, stepKey) makes a retried step send once. */
    runId: text("run_id"),
    stepKey: text("step_key"),
    /** template, text, buttons, list (out); text, button, interactive, image, … (in). */
    type: text("type").notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    /** What the bubble shows: rendered template body or the text. */
    preview: text("preview").notNull().default(""),
    templateName: text("template_name"),
    templateLanguage: text("template_language"),
    category: text("category"),
    status: text("status").$type<MessageStatus>().notNull(),
    /** Meta's id of the message this one answers (button/interactive replies). */
    contextWamid: text("context_wamid"),
    replyToMessageId: text("reply_to_message_id"),
    errorCode: integer("error_code"),
    errorTitle: text("error_title"),
    errorDetails: text("error_details"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("messages_run_step").on(t.runId, t.stepKey),
    index("messages_workspace_created").on(t.workspaceId, t.createdAt),
    index("messages_contact_created").on(t.contactId, t.createdAt),
    index("messages_workspace_status").on(t.workspaceId, t.status),
  ],
);
