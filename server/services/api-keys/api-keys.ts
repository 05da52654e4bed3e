import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import type { ApiKeyScope, CreateApiKeyInput } from "@/lib/runs/inputs";
import { hashToken } from "@/server/crypto";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";

/** Keys look like `rqk_AbCd1234_<32 more>`: the first 12 characters are shown in the list to tell keys apart. */
const KEY_PREFIX = "rqk_";
const PREFIX_LENGTH = 12;

function newKey(): string {
  return `${KEY_PREFIX}${crypto.randomBytes(30).toString("base64url")}`;
}

/** Creates a key; the full key is returned this once and only its hash is kept. */
export async function createApiKey(ctx: MemberContext, input: Omit<CreateApiKeyInput, "workspaceSlug">) {
  const key = newKey();
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiKeys)
      .values({
        workspaceId: ctx.workspace.id,
        name: input.name,
        prefix: key.slice(0, PREFIX_LENGTH),
        keyHash: hashToken(key),
        scopes: [...new Set(input.scopes)],
        createdBy: ctx.user.id,
      })
      .returning({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        scopes: apiKeys.scopes,
        createdAt: apiKeys.createdAt,
      });
    if (!created) throw new Error("api key insert returned no row");
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "api_key.create",
      { type: "api_key", id: created.id },
      { name: input.name, prefix: created.prefix },
      tx,
    );
    return created;
  });
  return { ...row, key };
}

export async function listApiKeys(ctx: MemberContext) {
  const db = await getDb();
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, ctx.workspace.id))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(ctx: MemberContext, apiKeyId: string) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(
        and(eq(apiKeys.workspaceId, ctx.workspace.id), eq(apiKeys.id, apiKeyId), isNull(apiKeys.revokedAt)),
      )
      .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
    if (!row)
      throw new AppError("NOT_FOUND", "This API key does not exist or is already revoked", {
        reason: "api_key_not_found",
      });
    forgetApiKeyCache();
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "api_key.revoke",
      { type: "api_key", id: row.id },
      { prefix: row.prefix },
      tx,
    );
  });
}

export interface ApiPrincipal {
  apiKeyId: string;
  workspaceId: string;
  scopes: ApiKeyScope[];
}

/** Verified keys for a few seconds, so a busy integration does not cost a lookup per request. */
const cache = new Map<string, { principal: ApiPrincipal | null; until: number }>();
const CACHE_MS = 5_000;
const lastTouched = new Map<string, number>();

/**
 * The workspace and scopes of a bearer key, or null for an unknown or revoked key. `last_used_at` is
 * written at most once a minute per key.
 */
export async function authenticateApiKey(key: string): Promise<ApiPrincipal | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const hash = hashToken(key);
  const cached = cache.get(hash);
  const nowMs = Date.now();
  let principal: ApiPrincipal | null;
  if (cached && cached.until > nowMs) {
    principal = cached.principal;
  } else {
    const db = await getDb();
    const [row] = await db
      .select({
        id: apiKeys.id,
        workspaceId: apiKeys.workspaceId,
        scopes: apiKeys.scopes,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, hash))
      .limit(1);
    principal =
      row && !row.revokedAt
        ? { apiKeyId: row.id, workspaceId: row.workspaceId, scopes: row.scopes as ApiKeyScope[] }
        : null;
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { principal, until: nowMs + CACHE_MS });
  }
  if (principal && (lastTouched.get(principal.apiKeyId) ?? 0) < nowMs - 60_000) {
    lastTouched.set(principal.apiKeyId, nowMs);
    const db = await getDb();
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiKeys.id, principal.apiKeyId));
  }
  return principal;
}

/** Tests and revocation: forget cached verifications. */
export function forgetApiKeyCache(): void {
  cache.clear();
}

/**
 * The principal of a request's `Authorization: Bearer <key>` header holding `scope`, or an AppError the
 * route answers with: 401 without a key or with an unknown or revoked one, 403 without the scope.
 */
export async function requireApiKey(request: Request, scope: ApiKeyScope): Promise<ApiPrincipal> {
  const auth = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!match?.[1]) {
    throw new AppError("UNAUTHORIZED", "Send your API key as 'Authorization: Bearer <key>'", {
      reason: "missing_api_key",
    });
  }
  const principal = await authenticateApiKey(match[1]);
  if (!principal) {
    throw new AppError("UNAUTHORIZED", "This API key is not valid or has been revoked", {
      reason: "invalid_api_key",
    });
  }
  if (!principal.scopes.includes(scope)) {
    throw new AppError("FORBIDDEN", `This API key may not do this (it lacks the ${scope} scope)`, {
      reason: "missing_scope",
    });
  }
  return principal;
}
