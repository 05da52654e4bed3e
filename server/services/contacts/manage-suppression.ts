import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contacts, type SuppressionScope } from "@/db/schema";
import { AppError } from "@/server/errors";
import { emitDomainEvent } from "@/server/events";
import type { MemberContext } from "@/server/services/workspaces/types";
import { addSuppression, liftSuppression } from "./suppressions";

async function contactPhone(ctx: MemberContext, contactId: string): Promise<string> {
  const db = await getDb();
  const [row] = await db
    .select({ phone: contacts.phone })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.id, contactId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "This contact does not exist", { reason: "contact_not_found" });
  return row.phone;
}

/** A member stops messages to a contact (e.g. asked by phone); flows in progress stop too. */
export async function suppressContact(ctx: MemberContext, contactId: string, scope: SuppressionScope) {
  const phone = await contactPhone(ctx, contactId);
  const db = await getDb();
  const added = await db.transaction((tx) =>
    addSuppression(
      { workspaceId: ctx.workspace.id, phone, scope, source: "manual", contactId, actor: ctx.user },
      tx,
    ),
  );
  if (added) {
    await emitDomainEvent({
      name: "contact/opted-out",
      data: { workspaceId: ctx.workspace.id, contactId, scope, source: "manual" },
    });
  }
  return { changed: added };
}

/** Lifts a suppression; only with the contact's renewed consent (the UI says so). */
export async function unsuppressContact(ctx: MemberContext, contactId: string, scope: SuppressionScope) {
  const phone = await contactPhone(ctx, contactId);
  const db = await getDb();
  const lifted = await db.transaction((tx) =>
    liftSuppression(
      { workspaceId: ctx.workspace.id, phone, scopes: [scope], source: "manual", contactId, actor: ctx.user },
      tx,
    ),
  );
  return { changed: lifted > 0 };
}
