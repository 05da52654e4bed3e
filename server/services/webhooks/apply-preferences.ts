import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { contacts } from "@/db/schema";
import { waIdToE164 } from "@/lib/privacy/phone";
import type { DomainEvent } from "@/server/events";
import { logger } from "@/server/logger";
import { addSuppression, liftSuppression } from "@/server/services/contacts/suppressions";

/** A `user_preferences` change: the person stopped or resumed marketing messages in WhatsApp itself. */
export interface PreferenceChange {
  waId: string;
  category: string;
  value: "stop" | "resume";
}

async function contactIdOf(tx: Executor, workspaceId: string, phone: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.phone, phone)))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Applies a marketing preference to one workspace: stop → marketing suppression (source
 * user_preferences), resume → the marketing suppression is lifted, whatever its source (the person
 * chose, in WhatsApp, to hear offers again). Other categories are ignored. Returns events to emit.
 */
export async function applyPreference(
  tx: Executor,
  workspaceId: string,
  change: PreferenceChange,
): Promise<DomainEvent[]> {
  if (change.category !== "marketing_messages") {
    logger.info({ category: change.category }, "user preference of a category Raqi does not track; skipped");
    return [];
  }
  const phone = waIdToE164(change.waId);
  if (!phone) {
    logger.warn("user preference for a wa_id that is not a phone number; skipped");
    return [];
  }
  const contactId = await contactIdOf(tx, workspaceId, phone);
  const source = "user_preferences";
  if (change.value === "stop") {
    const added = await addSuppression({ workspaceId, phone, contactId, scope: "marketing", source }, tx);
    return added
      ? [{ name: "contact/opted-out", data: { workspaceId, contactId, scope: "marketing", source } }]
      : [];
  }
  const lifted = await liftSuppression({ workspaceId, phone, contactId, scopes: ["marketing"], source }, tx);
  return lifted > 0 ? [{ name: "contact/opted-in", data: { workspaceId, contactId, source } }] : [];
}

/** Suppresses marketing for a recipient Meta refused with 131050 ("user stopped marketing messages"). */
export async function suppressStoppedMarketing(
  tx: Executor,
  workspaceId: string,
  recipientWaId: string,
  contactId: string | null,
): Promise<DomainEvent[]> {
  const phone = waIdToE164(recipientWaId);
  if (!phone) return [];
  const source = "meta_131050";
  const added = await addSuppression(
    {
      workspaceId,
      phone,
      contactId: contactId ?? (await contactIdOf(tx, workspaceId, phone)),
      scope: "marketing",
      source,
    },
    tx,
  );
  return added
    ? [{ name: "contact/opted-out", data: { workspaceId, contactId, scope: "marketing", source } }]
    : [];
}
