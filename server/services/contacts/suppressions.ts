import "server-only";
import crypto from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { suppressions, type SuppressionScope } from "@/db/schema";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { UserRef } from "@/server/services/workspaces/types";

/**
 * Suppressions are keyed by a per-workspace hash of the E.164 number, so they outlive the contact row
 * (a person who asked to be deleted must also stay opted out).
 */
export function phoneHash(workspaceId: string, e164: string): string {
  return crypto.createHash("sha256").update(`${workspaceId}:${e164}`).digest("hex");
}

/** The scopes that block a send: a marketing send is blocked by either, anything else only by "all". */
export function blockingScopes(marketing: boolean): SuppressionScope[] {
  return marketing ? ["marketing", "all"] : ["all"];
}

/** The suppression that blocks this send, if any. */
export async function findBlockingSuppression(
  workspaceId: string,
  e164: string,
  marketing: boolean,
  tx?: Executor,
): Promise<{ scope: SuppressionScope; source: string } | undefined> {
  const db = tx ?? (await getDb());
  const [row] = await db
    .select({ scope: suppressions.scope, source: suppressions.source })
    .from(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, workspaceId),
        eq(suppressions.phoneHash, phoneHash(workspaceId, e164)),
        inArray(suppressions.scope, blockingScopes(marketing)),
      ),
    )
    .limit(1);
  return row;
}

/** Every scope currently suppressed for the number. */
export async function suppressionScopes(workspaceId: string, e164: string, tx?: Executor) {
  const db = tx ?? (await getDb());
  return db
    .select({ scope: suppressions.scope, source: suppressions.source, createdAt: suppressions.createdAt })
    .from(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, workspaceId),
        eq(suppressions.phoneHash, phoneHash(workspaceId, e164)),
      ),
    );
}

export interface SuppressInput {
  workspaceId: string;
  phone: string;
  scope: SuppressionScope;
  /** keyword, button, user_preferences, meta_131050, manual, privacy_request, api */
  source: string;
  detail?: string;
  contactId?: string | null;
  actor?: Pick<UserRef, "id" | "email"> | null;
}

/**
 * Records the suppression and its audit entry; true when it is new (a repeated STOP changes nothing).
 * The caller emits `contact/opted-out` after its transaction commits.
 */
export async function addSuppression(input: SuppressInput, tx: Executor): Promise<boolean> {
  const inserted = await tx
    .insert(suppressions)
    .values({
      workspaceId: input.workspaceId,
      phoneHash: phoneHash(input.workspaceId, input.phone),
      scope: input.scope,
      source: input.source,
      detail: input.detail ?? null,
      createdBy: input.actor?.id ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: suppressions.id });
  if (inserted.length === 0) return false;
  await recordAudit(
    { id: input.workspaceId },
    input.actor ?? null,
    input.actor ? "contact.suppress" : "contact.opt_out",
    input.contactId ? { type: "contact", id: input.contactId } : null,
    { scope: input.scope, source: input.source, ...(input.detail ? { detail: input.detail } : {}) },
    tx,
  );
  return true;
}

/** Lifts suppressions of the given scopes; returns how many were lifted. */
export async function liftSuppression(
  input: Omit<SuppressInput, "scope"> & { scopes: SuppressionScope[] },
  tx: Executor,
): Promise<number> {
  const removed = await tx
    .delete(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, input.workspaceId),
        eq(suppressions.phoneHash, phoneHash(input.workspaceId, input.phone)),
        inArray(suppressions.scope, input.scopes),
      ),
    )
    .returning({ scope: suppressions.scope });
  if (removed.length === 0) return 0;
  await recordAudit(
    { id: input.workspaceId },
    input.actor ?? null,
    input.actor ? "contact.unsuppress" : "contact.opt_in",
    input.contactId ? { type: "contact", id: input.contactId } : null,
    { scopes: removed.map((r) => r.scope), source: input.source },
    tx,
  );
  return removed.length;
}
