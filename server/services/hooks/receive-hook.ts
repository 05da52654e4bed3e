import "server-only";
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { flowHooks, flows, flowVersions, triggerEvents } from "@/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import { triggerConfig } from "@/lib/flow/nodes/trigger";
import {
  HOOK_SIGNATURE_HEADER,
  mapHookPayload,
  type HookAuthKind,
  type MappedHookPayload,
} from "@/lib/runs/hooks";
import { verifySignature } from "@/lib/whatsapp/signature";
import { decryptSecret } from "@/server/crypto";
import { AppError } from "@/server/errors";
import { triggerFlows, type TriggerResult } from "@/server/services/runs/start-runs";
import { HOOK_ID_PATTERN } from "./manage-hooks";

/**
 * Deliveries to `POST /api/hooks/[hookId]`: the route reads the capped body and rate-limits; this file
 * verifies the caller (HMAC of the raw body or a bearer secret, both in constant time), checks that the
 * flow still listens (published, the trigger still a webhook), maps the body and starts the runs.
 */

export interface HookEndpoint {
  id: string;
  workspaceId: string;
  flowId: string;
  nodeId: string;
  authKind: HookAuthKind;
  secretSealed: string;
}

/** The hook behind a public id, or null (an id that is not even well-formed is not looked up). */
export async function findHookEndpoint(hookId: string): Promise<HookEndpoint | null> {
  if (!HOOK_ID_PATTERN.test(hookId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: flowHooks.id,
      workspaceId: flowHooks.workspaceId,
      flowId: flowHooks.flowId,
      nodeId: flowHooks.nodeId,
      authKind: flowHooks.authKind,
      secretSealed: flowHooks.secretSealed,
    })
    .from(flowHooks)
    .where(eq(flowHooks.id, hookId))
    .limit(1);
  return row ?? null;
}

function sameSecret(given: string, expected: string): boolean {
  // Digests first: equal lengths for timingSafeEqual, and no early exit on the secret's length.
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Throws 401 unless the delivery carries the hook's signature (hmac) or secret (bearer). */
export function verifyHookDelivery(hook: HookEndpoint, raw: Uint8Array, headers: Headers): void {
  const secret = decryptSecret(hook.secretSealed);
  if (hook.authKind === "hmac") {
    const header = headers.get(HOOK_SIGNATURE_HEADER);
    if (!header) {
      throw new AppError(
        "UNAUTHORIZED",
        `Sign the body: ${HOOK_SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the body>`,
        {
          reason: "missing_signature",
        },
      );
    }
    if (!verifySignature(raw, header.trim(), secret)) {
      throw new AppError("UNAUTHORIZED", `${HOOK_SIGNATURE_HEADER} does not match the body`, {
        reason: "invalid_signature",
      });
    }
    return;
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  if (!match?.[1]) {
    throw new AppError("UNAUTHORIZED", "Send the hook's secret as 'Authorization: Bearer <secret>'", {
      reason: "missing_secret",
    });
  }
  if (!sameSecret(match[1], secret)) {
    throw new AppError("UNAUTHORIZED", "This secret is not the hook's secret", { reason: "invalid_secret" });
  }
}

/** Authenticated deliveries show in the trigger's panel as "last received". */
export async function touchHook(hookId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(flowHooks)
    .set({ lastReceivedAt: sql`now()` })
    .where(eq(flowHooks.id, hookId));
}

export interface HookAnswer {
  event: { id: string; duplicate: boolean };
  runs: { runId: string | null; outcome: TriggerResult["runs"][number]["outcome"] }[];
}

/** The published trigger the hook belongs to, with its mapping; 409 when the flow no longer listens. */
async function listeningTrigger(hook: HookEndpoint) {
  const db = await getDb();
  const [flow] = await db
    .select({ status: flows.status, document: flowVersions.document })
    .from(flows)
    .leftJoin(
      flowVersions,
      and(eq(flowVersions.flowId, flows.id), eq(flowVersions.number, flows.publishedVersion)),
    )
    .where(and(eq(flows.id, hook.flowId), eq(flows.workspaceId, hook.workspaceId)))
    .limit(1);
  if (!flow || flow.status !== "published" || !flow.document) {
    throw new AppError(
      "CONFLICT",
      flow?.status === "archived"
        ? "The flow of this webhook is archived: unarchive and publish it to accept deliveries"
        : "The flow of this webhook is not published: publish it to accept deliveries",
      { reason: "not_published" },
    );
  }
  const node = (flow.document as FlowDocument).nodes.find((n) => n.id === hook.nodeId);
  const config = node?.type === "trigger" ? triggerConfig.safeParse(node.config) : undefined;
  if (!config?.success || config.data.kind !== "webhook") {
    throw new AppError(
      "CONFLICT",
      "The published flow no longer has this webhook trigger: publish a version that has it",
      { reason: "trigger_removed" },
    );
  }
  return config.data;
}

/** Idempotency: the caller's key, else the body's digest; scoped to the hook (the day is added later). */
export function hookIdempotencyKey(hookId: string, raw: Uint8Array, headerKey: string | null): string {
  if (headerKey !== null) {
    const key = headerKey.trim();
    if (key.length === 0 || key.length > 200) {
      throw new AppError("BAD_REQUEST", "Idempotency-Key must be 1 to 200 characters", {
        reason: "invalid_idempotency_key",
      });
    }
    return `hook:${hookId}:key:${key}`;
  }
  return `hook:${hookId}:sha256:${crypto.createHash("sha256").update(raw).digest("hex")}`;
}

const DAY_MS = 24 * 3600_000;

/**
 * Keys are unique per workspace for as long as trigger_events keeps them, but a hook promises 24 h: the
 * same body a week later (a customer ordering the same thing again) must start a run. So the stored key
 * carries the UTC day, and a repeat is recognised by today's key (the unique index, race-free) or by
 * yesterday's key when that event is less than 24 h old.
 */
function dayKey(base: string, day: number): string {
  return `${base}:d${day}`;
}

async function recentRepeat(hook: HookEndpoint, base: string, day: number): Promise<HookAnswer | null> {
  const db = await getDb();
  const [previous] = await db
    .select({ id: triggerEvents.id, outcome: triggerEvents.outcome })
    .from(triggerEvents)
    .where(
      and(
        eq(triggerEvents.workspaceId, hook.workspaceId),
        eq(triggerEvents.idempotencyKey, dayKey(base, day - 1)),
        sql`${triggerEvents.createdAt} > now() - interval '24 hours'`,
      ),
    )
    .limit(1);
  if (!previous) return null;
  const runs = (previous.outcome?.runs as TriggerResult["runs"] | undefined) ?? [];
  return {
    event: { id: previous.id, duplicate: true },
    runs: runs.map((r) => ({ runId: r.runId, outcome: r.outcome })),
  };
}

/**
 * A verified delivery: parses and maps the body with the published trigger's mapping, then starts the
 * runs (suppressions, consent and the flow's run policy are checked by triggerFlows). The same key within
 * 24 h gets the first answer and no second run.
 */
export async function acceptHookDelivery(
  hook: HookEndpoint,
  raw: Uint8Array,
  headers: Headers,
): Promise<HookAnswer> {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON", { reason: "invalid_json" });
  }
  const baseKey = hookIdempotencyKey(hook.id, raw, headers.get("idempotency-key"));
  const config = await listeningTrigger(hook);
  const mapped = mapHookPayload(body, config.mapping);
  if (!mapped.ok) {
    const { problem, path, value, message } = mapped.error;
    throw new AppError("BAD_REQUEST", message, { reason: problem, path, value });
  }
  const day = Math.floor(Date.now() / DAY_MS);
  const repeat = await recentRepeat(hook, baseKey, day);
  if (repeat) return repeat;
  const result = await startHookRuns(hook, mapped.payload, dayKey(baseKey, day));
  return {
    event: { id: result.eventId, duplicate: result.duplicate },
    runs: result.runs.map((r) => ({ runId: r.runId, outcome: r.outcome })),
  };
}

/** The one place a hook delivery becomes runs (so the hand-over can change without touching the route). */
async function startHookRuns(
  hook: HookEndpoint,
  payload: MappedHookPayload,
  idempotencyKey: string,
): Promise<TriggerResult> {
  return triggerFlows({
    workspaceId: hook.workspaceId,
    source: "webhook",
    name: hook.id,
    contact: { phone: payload.phone, ...(payload.name ? { name: payload.name } : {}) },
    data: payload.data,
    idempotencyKey,
    flowId: hook.flowId,
    nodeId: hook.nodeId,
  });
}
