import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { TemplateCategory, TemplateComponent, TemplateStatus } from "../../lib/whatsapp/template";
import { workspaces } from "./workspaces";

/** WhatsApp message templates of a workspace, mirrored from Meta (status updates arrive by webhook). */
export const templates = pgTable(
  "templates",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    language: text("language").notNull(),
    category: text("category").$type<TemplateCategory>().notNull(),
    status: text("status").$type<TemplateStatus>().notNull(),
    parameterFormat: text("parameter_format").$type<"positional" | "named">().notNull().default("positional"),
    components: jsonb("components").$type<TemplateComponent[]>().notNull(),
    /** Meta's id once submitted. */
    metaTemplateId: text("meta_template_id"),
    rejectedReason: text("rejected_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("templates_workspace_name_language").on(t.workspaceId, t.name, t.language),
    index("templates_workspace_status").on(t.workspaceId, t.status),
  ],
);
