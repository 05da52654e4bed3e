import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contacts, messages, suppressions } from "@/db/schema";
import { isInsideServiceWindow, serviceWindowClosesAt } from "@/lib/whatsapp/window";
import { AppError } from "@/server/errors";
import { getConnection } from "@/server/services/connections/get-connection";
import type { MemberContext } from "@/server/services/workspaces/types";
import { phoneHash } from "./suppressions";

/** How many of the newest messages the conversation view shows. */
export const CONVERSATION_LIMIT = 200;

/** A contact with its consent and suppression state and the newest messages, oldest first. */
export async function getContact(ctx: MemberContext, contactId: string) {
  const db = await getDb();
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.id, contactId)))
    .limit(1);
  if (!contact)
    throw new AppError("NOT_FOUND", "This contact does not exist", { reason: "contact_not_found" });
  const [scopes, recent, connection] = await Promise.all([
    db
      .select({ scope: suppressions.scope, source: suppressions.source, createdAt: suppressions.createdAt })
      .from(suppressions)
      .where(
        and(
          eq(suppressions.workspaceId, ctx.workspace.id),
          eq(suppressions.phoneHash, phoneHash(ctx.workspace.id, contact.phone)),
        ),
      ),
    db
      .select({
        id: messages.id,
        direction: messages.direction,
        type: messages.type,
        preview: messages.preview,
        content: messages.content,
        status: messages.status,
        templateName: messages.templateName,
        templateLanguage: messages.templateLanguage,
        replyToMessageId: messages.replyToMessageId,
        errorCode: messages.errorCode,
        errorTitle: messages.errorTitle,
        errorDetails: messages.errorDetails,
        createdAt: messages.createdAt,
        sentAt: messages.sentAt,
        deliveredAt: messages.deliveredAt,
        readAt: messages.readAt,
        failedAt: messages.failedAt,
      })
      .from(messages)
      .where(and(eq(messages.workspaceId, ctx.workspace.id), eq(messages.contactId, contact.id)))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(CONVERSATION_LIMIT),
    getConnection(ctx.workspace.id),
  ]);
  return {
    contact: {
      id: contact.id,
      phone: contact.phone,
      waId: contact.waId,
      name: contact.name,
      attributes: contact.attributes,
      consentSource: contact.consentSource,
      consentAt: contact.consentAt,
      lastInboundAt: contact.lastInboundAt,
      createdAt: contact.createdAt,
    },
    suppressions: scopes,
    insideWindow: isInsideServiceWindow(contact.lastInboundAt),
    windowClosesAt: contact.lastInboundAt ? serviceWindowClosesAt(contact.lastInboundAt) : null,
    messages: recent.reverse(),
    canSimulate: connection?.kind === "sandbox" && connection.status === "active",
  };
}
