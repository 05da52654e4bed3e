import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contacts, messages } from "@/db/schema";
import { e164ToWaId } from "@/lib/privacy/phone";
import { AppError } from "@/server/errors";
import type { MemberContext } from "@/server/services/workspaces/types";
import { simulateInbound } from "@/server/whatsapp/channel";
import { getConnection } from "./get-connection";

export interface SimulateReplyInput {
  contactId: string;
  text?: string;
  button?: { text: string; payload: string };
  contextMessageId?: string;
}

/**
 * The sandbox's phone: the contact "writes" to the workspace's sandbox number. The reply travels the
 * real way — a signed webhook into /api/webhooks/whatsapp — so opt-outs, windows and flows see it as real.
 */
export async function simulateReply(
  ctx: MemberContext,
  input: SimulateReplyInput,
): Promise<{ wamid: string }> {
  const connection = await getConnection(ctx.workspace.id);
  const number = connection?.phoneNumbers[0];
  if (!connection || connection.kind !== "sandbox" || !number) {
    throw new AppError("PRECONDITION_FAILED", "Replies can only be simulated on a sandbox connection", {
      reason: "not_sandbox",
    });
  }
  const db = await getDb();
  const [contact] = await db
    .select({ phone: contacts.phone, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.id, input.contactId)))
    .limit(1);
  if (!contact)
    throw new AppError("NOT_FOUND", "This contact does not exist", { reason: "contact_not_found" });
  let contextId: string | undefined;
  if (input.contextMessageId) {
    const [original] = await db
      .select({ wamid: messages.wamid })
      .from(messages)
      .where(and(eq(messages.workspaceId, ctx.workspace.id), eq(messages.id, input.contextMessageId)))
      .limit(1);
    contextId = original?.wamid ?? undefined;
  }
  const base = {
    phoneNumberId: number.metaPhoneNumberId,
    from: e164ToWaId(contact.phone),
    profileName: contact.name ?? undefined,
  };
  if (input.button) {
    return simulateInbound({ ...base, button: { ...input.button, contextId } });
  }
  if (!input.text) {
    throw new AppError("BAD_REQUEST", "Type a reply or choose a button", {
      reason: "empty_reply",
      field: "text",
    });
  }
  return simulateInbound({ ...base, text: input.text });
}
