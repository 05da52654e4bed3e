import "server-only";
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contacts, messages } from "@/db/schema";
import type { ListMessagesInput } from "@/lib/whatsapp/inputs";
import type { MemberContext } from "@/server/services/workspaces/types";

export const MESSAGES_PAGE_SIZE = 50;

/** The messages log: newest first, filtered by status, direction, template, date range and contact. */
export async function listMessages(ctx: MemberContext, input: Omit<ListMessagesInput, "workspaceSlug">) {
  const db = await getDb();
  const filters: (SQL | undefined)[] = [eq(messages.workspaceId, ctx.workspace.id)];
  if (input.status) filters.push(eq(messages.status, input.status));
  if (input.direction) filters.push(eq(messages.direction, input.direction));
  if (input.template) filters.push(eq(messages.templateName, input.template));
  if (input.contactId) filters.push(eq(messages.contactId, input.contactId));
  if (input.from) filters.push(gte(messages.createdAt, input.from));
  if (input.to) filters.push(lt(messages.createdAt, input.to));
  if (input.search) {
    const term = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(messages.preview, term), ilike(contacts.phone, term), ilike(contacts.name, term)));
  }
  const where = and(...filters);
  const [rows, [count], templateNames] = await Promise.all([
    db
      .select({
        id: messages.id,
        direction: messages.direction,
        type: messages.type,
        status: messages.status,
        preview: messages.preview,
        templateName: messages.templateName,
        templateLanguage: messages.templateLanguage,
        errorCode: messages.errorCode,
        errorTitle: messages.errorTitle,
        errorDetails: messages.errorDetails,
        runId: messages.runId,
        createdAt: messages.createdAt,
        sentAt: messages.sentAt,
        deliveredAt: messages.deliveredAt,
        readAt: messages.readAt,
        failedAt: messages.failedAt,
        contactId: messages.contactId,
        contactPhone: contacts.phone,
        contactName: contacts.name,
      })
      .from(messages)
      .leftJoin(contacts, eq(contacts.id, messages.contactId))
      .where(where)
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(MESSAGES_PAGE_SIZE)
      .offset((input.page - 1) * MESSAGES_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(messages)
      .leftJoin(contacts, eq(contacts.id, messages.contactId))
      .where(where),
    db
      .selectDistinct({ name: messages.templateName })
      .from(messages)
      .where(and(eq(messages.workspaceId, ctx.workspace.id), sql`${messages.templateName} is not null`))
      .orderBy(messages.templateName)
      .limit(200),
  ]);
  return {
    messages: rows,
    total: count?.total ?? 0,
    page: input.page,
    pageSize: MESSAGES_PAGE_SIZE,
    templates: templateNames.flatMap((t) => (t.name ? [t.name] : [])),
  };
}
