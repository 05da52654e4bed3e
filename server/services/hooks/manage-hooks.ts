import "server-only";
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { flowHooks } from "@/db/schema";
import type { HookAuthKind } from "@/lib/runs/hook-mapping";
import type { HookTarget, SetHookAuthKindInput } from "@/lib/runs/hook-inputs";
import { decryptSecret, encryptSecret } from "@/server/crypto";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { findFlow } from "@/server/services/flows/flow-rules";
import type { MemberContext } from "@/server/services/workspaces/types";

/**
 * The lifecycle of integration webhooks: one hook per (flow, webhook trigger node), created on first use
 * from the trigger's panel, with a secret sealed at rest (server/crypto.ts). The secret leaves the server
 * only through revealHookSecret or rotateHookSecret, both audited.
 */

/** Public hook ids: `hk_` and 24 URL-safe characters (144 random bits). */
const HOOK_ID_PREFIX = "hk_";
export const HOOK_ID_PATTERN = /^hk_[A-Za-z0-9_-]{24}$/;

export interface HookView {
  id: string;
  flowId: string;
  nodeId: string;
  /** Absolute: `<APP_URL>/api/hooks/<id>`. */
  url: string;
  authKind: HookAuthKind;
  createdAt: Date;
  rotatedAt: Date | null;
  lastReceivedAt: Date | null;
}

function newHookId(): string {
  return `${HOOK_ID_PREFIX}${crypto.randomBytes(18).toString("base64url")}`;
}

function newHookSecret(): string {
  return `rqs_${crypto.randomBytes(32).toString("base64url")}`;
}

/** The address integrations call, on the app's public URL (APP_URL). */
export function hookUrl(hookId: string): string {
  return new URL(`/api/hooks/${hookId}`, env().APP_URL).toString();
}

const hookColumns = {
  id: flowHooks.id,
  flowId: flowHooks.flowId,
  nodeId: flowHooks.nodeId,
  authKind: flowHooks.authKind,
  createdAt: flowHooks.createdAt,
  rotatedAt: flowHooks.rotatedAt,
  lastReceivedAt: flowHooks.lastReceivedAt,
};

type HookRow = Omit<HookView, "url">;

const view = (row: HookRow): HookView => ({ ...row, url: hookUrl(row.id) });

async function findHookRow(
  db: Executor,
  ctx: MemberContext,
  target: HookTarget,
): Promise<HookRow | undefined> {
  const [row] = await db
    .select(hookColumns)
    .from(flowHooks)
    .where(
      and(
        eq(flowHooks.workspaceId, ctx.workspace.id),
        eq(flowHooks.flowId, target.flowId),
        eq(flowHooks.nodeId, target.nodeId),
      ),
    )
    .limit(1);
  return row;
}

const noHook = () =>
  new AppError("NOT_FOUND", "This trigger has no webhook yet: open it in the builder to create one", {
    reason: "hook_not_found",
  });

const auditTarget = (hookId: string) => ({ type: "flow_hook", id: hookId });

/** The hook of a trigger, or null while none was created (viewers see it, never its secret). */
export async function getHook(ctx: MemberContext, target: HookTarget): Promise<HookView | null> {
  const db = await getDb();
  await findFlow(db, ctx, target.flowId);
  const row = await findHookRow(db, ctx, target);
  return row ? view(row) : null;
}

/** The hook of a trigger, created (with a new secret, HMAC by default) if it has none. */
export async function ensureHook(ctx: MemberContext, target: HookTarget): Promise<HookView> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await findFlow(tx, ctx, target.flowId);
    const [created] = await tx
      .insert(flowHooks)
      .values({
        id: newHookId(),
        workspaceId: ctx.workspace.id,
        flowId: target.flowId,
        nodeId: target.nodeId,
        authKind: "hmac",
        secretSealed: encryptSecret(newHookSecret()),
      })
      .onConflictDoNothing()
      .returning(hookColumns);
    if (created) {
      await recordAudit(
        ctx.workspace,
        ctx.user,
        "hook.create",
        auditTarget(created.id),
        { flowId: target.flowId, nodeId: target.nodeId },
        tx,
      );
      return view(created);
    }
    const existing = await findHookRow(tx, ctx, target);
    if (!existing) throw noHook();
    return view(existing);
  });
}

export async function setHookAuthKind(ctx: MemberContext, input: SetHookAuthKindInput): Promise<HookView> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await findHookRow(tx, ctx, input);
    if (!row) throw noHook();
    if (row.authKind === input.authKind) return view(row);
    const [updated] = await tx
      .update(flowHooks)
      .set({ authKind: input.authKind })
      .where(eq(flowHooks.id, row.id))
      .returning(hookColumns);
    if (!updated) throw noHook();
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "hook.auth_change",
      auditTarget(row.id),
      { from: row.authKind, to: input.authKind },
      tx,
    );
    return view(updated);
  });
}

/** The secret, on an explicit request (audited). */
export async function revealHookSecret(ctx: MemberContext, target: HookTarget): Promise<{ secret: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: flowHooks.id, secretSealed: flowHooks.secretSealed })
      .from(flowHooks)
      .where(
        and(
          eq(flowHooks.workspaceId, ctx.workspace.id),
          eq(flowHooks.flowId, target.flowId),
          eq(flowHooks.nodeId, target.nodeId),
        ),
      )
      .limit(1);
    if (!row) throw noHook();
    await recordAudit(ctx.workspace, ctx.user, "hook.secret_reveal", auditTarget(row.id), {}, tx);
    return { secret: decryptSecret(row.secretSealed) };
  });
}

/** A new secret: the old one stops working at once. Returned this once (audited). */
export async function rotateHookSecret(
  ctx: MemberContext,
  target: HookTarget,
): Promise<{ secret: string; hook: HookView }> {
  const secret = newHookSecret();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await findHookRow(tx, ctx, target);
    if (!row) throw noHook();
    const [updated] = await tx
      .update(flowHooks)
      .set({ secretSealed: encryptSecret(secret), rotatedAt: sql`now()` })
      .where(eq(flowHooks.id, row.id))
      .returning(hookColumns);
    if (!updated) throw noHook();
    await recordAudit(ctx.workspace, ctx.user, "hook.secret_rotate", auditTarget(row.id), {}, tx);
    return { secret, hook: view(updated) };
  });
}
