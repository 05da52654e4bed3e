import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { phoneNumbers, whatsappConnections, type ConnectionKind } from "@/db/schema";
import type { ConnectManualInput } from "@/lib/whatsapp/inputs";
import { AppError } from "@/server/errors";
import { encryptSecret } from "@/server/crypto";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";
import { graphClient, provisionSandboxAccount } from "@/server/whatsapp/channel";
import { GraphError, type PhoneNumberInfo } from "@/server/whatsapp/graph-client";
import { getConnection, type ConnectionView } from "./get-connection";
import { fetchTemplates, storeTemplates, type MirroredTemplate } from "./sync-templates";

interface NewConnection {
  kind: ConnectionKind;
  method: "manual" | "sandbox" | "embedded_signup";
  wabaId: string;
  businessId: string | null;
  businessName: string | null;
  token: string;
  numbers: PhoneNumberInfo[];
  templates: MirroredTemplate[];
}

/** Throughput Meta reports for a number; 80/s unless upgraded. */
function throughputOf(info: PhoneNumberInfo): number {
  const level = info.throughput?.level?.toUpperCase();
  return level === "HIGH" ? 1000 : 80;
}

async function saveConnection(ctx: MemberContext, input: NewConnection): Promise<ConnectionView> {
  const db = await getDb();
  const id = await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: whatsappConnections.id })
      .from(whatsappConnections)
      .where(
        and(
          eq(whatsappConnections.workspaceId, ctx.workspace.id),
          ne(whatsappConnections.status, "disconnected"),
        ),
      )
      .for("update");
    if (existing.length > 0) {
      throw new AppError("CONFLICT", "WhatsApp is already connected: disconnect it first", {
        reason: "already_connected",
      });
    }
    const claimed = await tx
      .select({ id: phoneNumbers.id })
      .from(phoneNumbers)
      .where(
        and(
          eq(phoneNumbers.active, true),
          inArray(
            phoneNumbers.metaPhoneNumberId,
            input.numbers.map((n) => n.id),
          ),
        ),
      );
    if (claimed.length > 0) {
      throw new AppError("CONFLICT", "This phone number is already connected to another workspace", {
        reason: "number_taken",
      });
    }
    const [row] = await tx
      .insert(whatsappConnections)
      .values({
        workspaceId: ctx.workspace.id,
        kind: input.kind,
        method: input.method,
        wabaId: input.wabaId,
        businessId: input.businessId,
        businessName: input.businessName,
        accessTokenSealed: encryptSecret(input.token),
        connectedBy: ctx.user.id,
      })
      .returning({ id: whatsappConnections.id });
    if (!row) throw new Error("connection insert returned no row");
    await tx.insert(phoneNumbers).values(
      input.numbers.map((n, i) => ({
        workspaceId: ctx.workspace.id,
        connectionId: row.id,
        metaPhoneNumberId: n.id,
        displayPhoneNumber: n.display_phone_number,
        verifiedName: n.verified_name ?? null,
        qualityRating: n.quality_rating ?? null,
        messagingLimitTier: n.messaging_limit_tier ?? null,
        throughputPerSecond: throughputOf(n),
        isDefault: i === 0,
      })),
    );
    await storeTemplates(ctx.workspace.id, input.templates, tx);
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "connection.connect",
      { type: "connection", id: row.id },
      { kind: input.kind, method: input.method, wabaId: input.wabaId, numbers: input.numbers.length },
      tx,
    );
    return row.id;
  });
  const view = await getConnection(ctx.workspace.id);
  if (!view || view.id !== id) throw new Error("connection vanished after saving");
  return view;
}

/** A ready-made sandbox account: a fake business, one number, the sample templates approved. */
export async function connectSandbox(ctx: MemberContext): Promise<ConnectionView> {
  const existing = await getConnection(ctx.workspace.id);
  if (existing) {
    throw new AppError("CONFLICT", "WhatsApp is already connected: disconnect it first", {
      reason: "already_connected",
    });
  }
  const account = await provisionSandboxAccount(ctx.workspace.name);
  const credentials = { token: account.accessToken };
  const client = graphClient("sandbox");
  const [numbers, list] = await Promise.all([
    client.listPhoneNumbers(credentials, account.wabaId),
    fetchTemplates("sandbox", credentials, account.wabaId),
  ]);
  await client.subscribeApp(credentials, account.wabaId);
  return saveConnection(ctx, {
    kind: "sandbox",
    method: "sandbox",
    wabaId: account.wabaId,
    businessId: account.businessId,
    businessName: ctx.workspace.name,
    token: account.accessToken,
    numbers,
    templates: list,
  });
}

/** Meta's refusal in words an admin can act on. */
function refusal(error: unknown, fallback: string): AppError {
  if (error instanceof GraphError) {
    if (error.code === 190) {
      return new AppError("BAD_REQUEST", "Meta refused the access token: it is invalid or has expired", {
        reason: "token_invalid",
        field: "accessToken",
        metaCode: error.code,
      });
    }
    if (error.code === 100 || error.code === 803 || error.httpStatus === 404) {
      return new AppError("BAD_REQUEST", "Meta does not know this WhatsApp Business Account id", {
        reason: "waba_unknown",
        field: "wabaId",
        metaCode: error.code,
      });
    }
    if (error.code === 10 || error.code === 200) {
      return new AppError("BAD_REQUEST", "The token has no access to this WhatsApp Business Account", {
        reason: "token_no_access",
        field: "accessToken",
        metaCode: error.code,
      });
    }
    return new AppError("BAD_REQUEST", `${fallback}: ${error.info.explanation}`, {
      reason: "meta_error",
      metaCode: error.code,
    });
  }
  throw error;
}

/**
 * Manual credentials (a system-user token): checked against the Graph API before anything is saved —
 * the number must belong to the account and the token must reach both.
 */
export async function connectManual(
  ctx: MemberContext,
  input: Omit<ConnectManualInput, "workspaceSlug">,
  kind: ConnectionKind = "meta",
): Promise<ConnectionView> {
  const credentials = { token: input.accessToken };
  const client = graphClient(kind);
  let numbers: PhoneNumberInfo[];
  let list: MirroredTemplate[];
  try {
    numbers = await client.listPhoneNumbers(credentials, input.wabaId);
    if (!numbers.some((n) => n.id === input.phoneNumberId)) {
      throw new AppError(
        "BAD_REQUEST",
        "This phone number id is not part of that WhatsApp Business Account",
        {
          reason: "number_not_in_waba",
          field: "phoneNumberId",
        },
      );
    }
    list = await fetchTemplates(kind, credentials, input.wabaId);
    await client.subscribeApp(credentials, input.wabaId);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refusal(error, "Meta refused the connection");
  }
  const chosen = numbers.filter((n) => n.id === input.phoneNumberId);
  return saveConnection(ctx, {
    kind,
    method: "manual",
    wabaId: input.wabaId,
    businessId: null,
    businessName: chosen[0]?.verified_name ?? null,
    token: input.accessToken,
    numbers: chosen,
    templates: list,
  });
}

/** Disconnecting destroys the token; history (messages, contacts) stays. */
export async function disconnect(ctx: MemberContext): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(whatsappConnections)
      .set({
        status: "disconnected",
        accessTokenSealed: null,
        disconnectedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(whatsappConnections.workspaceId, ctx.workspace.id),
          ne(whatsappConnections.status, "disconnected"),
        ),
      )
      .returning({ id: whatsappConnections.id, kind: whatsappConnections.kind });
    if (!row) throw new AppError("NOT_FOUND", "WhatsApp is not connected", { reason: "not_connected" });
    await tx
      .update(phoneNumbers)
      .set({ active: false, updatedAt: sql`now()` })
      .where(eq(phoneNumbers.connectionId, row.id));
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "connection.disconnect",
      { type: "connection", id: row.id },
      { kind: row.kind },
      tx,
    );
  });
}

/** Re-reads the WABA's templates from Meta into the table. */
export async function syncTemplates(ctx: MemberContext): Promise<{ count: number }> {
  const db = await getDb();
  const wc = whatsappConnections;
  const [row] = await db
    .select({ kind: wc.kind, wabaId: wc.wabaId, sealed: wc.accessTokenSealed })
    .from(wc)
    .where(and(eq(wc.workspaceId, ctx.workspace.id), eq(wc.status, "active")))
    .limit(1);
  if (!row?.sealed)
    throw new AppError("PRECONDITION_FAILED", "Connect WhatsApp first", { reason: "not_connected" });
  let list: MirroredTemplate[];
  try {
    list = await fetchTemplates(row.kind, { sealedToken: row.sealed }, row.wabaId);
  } catch (error) {
    throw refusal(error, "Meta refused to list the templates");
  }
  const count = await db.transaction((tx) => storeTemplates(ctx.workspace.id, list, tx));
  return { count };
}
