import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messages, type SuppressionScope } from "@/db/schema";
import { waIdToE164 } from "@/lib/privacy/phone";
import { classifyInbound, type OptOutSettings } from "@/lib/whatsapp/opt-out";
import type { InboundMessage } from "@/lib/whatsapp/webhook";
import type { DomainEvent } from "@/server/events";
import { logger } from "@/server/logger";
import { addSuppression, liftSuppression, suppressionScopes } from "@/server/services/contacts/suppressions";
import { upsertContact } from "@/server/services/contacts/upsert-contact";

export interface InboundTarget {
  workspaceId: string;
  /** Our phone_numbers.id the message was sent to. */
  phoneNumberId: string;
  settings: OptOutSettings;
}

/**
 * Suppression sources that record the person's own request. START lifts an "all" suppression only
 * when it came from one of these: one the business set (manual, api) or a privacy request stays,
 * since the person texting START cannot overrule a decision somebody else made on their behalf.
 * A marketing suppression is always lifted by START: the person just asked to hear from us again.
 */
export const SELF_SERVICE_SOURCES: readonly string[] = ["keyword", "button", "user_preferences"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Records one inbound message and reacts to it, in the caller's transaction: the contact (profile
 * name, 24-hour window), the message (linked to the outbound message it answers), opt-out/opt-in
 * keywords, and the `whatsapp/reply` event. A message seen before (Meta resends) does nothing at all.
 * Returns the domain events to emit once the transaction commits.
 */
export async function applyInbound(
  tx: Executor,
  target: InboundTarget,
  message: InboundMessage,
  profileName: string | undefined,
): Promise<DomainEvent[]> {
  const phone = waIdToE164(message.from);
  if (!phone) {
    logger.warn({ wamid: message.id }, "inbound message from a wa_id that is not a phone number; skipped");
    return [];
  }
  const contact = await upsertContact(
    {
      workspaceId: target.workspaceId,
      phone,
      waId: message.from,
      name: profileName ?? null,
      inboundAt: message.timestamp,
    },
    tx,
  );
  const replyTo = message.contextId
    ? sql`(select r.id from ${messages} r where r.wamid = ${message.contextId} and r.workspace_id = ${target.workspaceId} and r.direction = 'out')`
    : null;
  const [stored] = await tx
    .insert(messages)
    .values({
      workspaceId: target.workspaceId,
      phoneNumberId: target.phoneNumberId,
      contactId: contact.id,
      direction: "in",
      wamid: message.id,
      type: message.type,
      content: isRecord(message.raw) ? message.raw : { value: message.raw },
      preview: message.text ?? "",
      status: "received",
      contextWamid: message.contextId ?? null,
      replyToMessageId: replyTo,
      createdAt: message.timestamp,
    })
    .onConflictDoNothing({ target: messages.wamid })
    .returning({ id: messages.id, replyToMessageId: messages.replyToMessageId });
  if (!stored) return [];

  const events: DomainEvent[] = [];
  const classification = classifyInbound(message, target.settings);
  const base = { workspaceId: target.workspaceId, phone, contactId: contact.id };
  if (classification?.action === "opt_out") {
    const source = message.type === "text" ? "keyword" : "button";
    const added = await addSuppression(
      { ...base, scope: classification.scope, source, detail: message.text?.slice(0, 100) },
      tx,
    );
    if (added) {
      events.push({
        name: "contact/opted-out",
        data: { workspaceId: target.workspaceId, contactId: contact.id, scope: classification.scope, source },
      });
    }
  } else if (classification?.action === "opt_in") {
    const current = await suppressionScopes(target.workspaceId, phone, tx);
    const scopes: SuppressionScope[] = ["marketing"];
    if (current.some((s) => s.scope === "all" && SELF_SERVICE_SOURCES.includes(s.source))) scopes.push("all");
    const lifted = await liftSuppression({ ...base, scopes, source: "keyword" }, tx);
    if (lifted > 0) {
      events.push({
        name: "contact/opted-in",
        data: { workspaceId: target.workspaceId, contactId: contact.id, source: "keyword" },
      });
    }
  }
  events.push({
    name: "whatsapp/reply",
    data: {
      workspaceId: target.workspaceId,
      contactId: contact.id,
      messageId: stored.id,
      wamid: message.id,
      type: message.type,
      text: message.text ?? null,
      replyId: message.replyId ?? null,
      contextWamid: message.contextId ?? null,
      replyToMessageId: stored.replyToMessageId,
      // The flow runtime finds the waiting run from the contact and the replied-to message.
      runId: null,
      receivedAt: message.timestamp.toISOString(),
    },
  });
  return events;
}
