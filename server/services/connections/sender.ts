import "server-only";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { phoneNumbers, whatsappConnections, type ConnectionKind } from "@/db/schema";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { recordAudit } from "@/server/services/audit/record-audit";

/** Everything a send needs: which client, which number, and the sealed token (decrypted at the call). */
export interface Sender {
  connectionId: string;
  kind: ConnectionKind;
  wabaId: string;
  sealedToken: string;
  phoneNumberId: string;
  metaPhoneNumberId: string;
  throughputPerSecond: number;
}

/**
 * The workspace's sender: the given phone number (our id) or the default one. Refuses with
 * PRECONDITION_FAILED when WhatsApp is not connected or the connection is broken.
 */
export async function loadSender(
  workspaceId: string,
  phoneNumberId?: string,
  tx?: Executor,
): Promise<Sender> {
  const db = tx ?? (await getDb());
  const [row] = await db
    .select({
      connectionId: whatsappConnections.id,
      kind: whatsappConnections.kind,
      status: whatsappConnections.status,
      wabaId: whatsappConnections.wabaId,
      sealedToken: whatsappConnections.accessTokenSealed,
      phoneNumberId: phoneNumbers.id,
      metaPhoneNumberId: phoneNumbers.metaPhoneNumberId,
      throughputPerSecond: phoneNumbers.throughputPerSecond,
    })
    .from(phoneNumbers)
    .innerJoin(whatsappConnections, eq(whatsappConnections.id, phoneNumbers.connectionId))
    .where(
      and(
        eq(phoneNumbers.workspaceId, workspaceId),
        eq(phoneNumbers.active, true),
        ne(whatsappConnections.status, "disconnected"),
        phoneNumberId ? eq(phoneNumbers.id, phoneNumberId) : undefined,
      ),
    )
    .orderBy(desc(phoneNumbers.isDefault))
    .limit(1);
  if (!row || !row.sealedToken) {
    throw new AppError("PRECONDITION_FAILED", "Connect WhatsApp before sending messages", {
      reason: "not_connected",
    });
  }
  if (row.status === "broken") {
    throw new AppError("PRECONDITION_FAILED", "The WhatsApp connection needs to be reconnected", {
      reason: "connection_broken",
    });
  }
  return { ...row, sealedToken: row.sealedToken };
}

/** Meta refused the token (190) or the account (368): sends stop until an admin reconnects. */
export async function markConnectionBroken(workspaceId: string, connectionId: string, reason: string) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(whatsappConnections)
      .set({ status: "broken", statusReason: reason, updatedAt: sql`now()` })
      .where(and(eq(whatsappConnections.id, connectionId), eq(whatsappConnections.status, "active")))
      .returning({ id: whatsappConnections.id });
    if (changed.length > 0) {
      await recordAudit(
        { id: workspaceId },
        null,
        "connection.broken",
        { type: "connection", id: connectionId },
        { reason },
        tx,
      );
    }
  });
  logger.warn({ workspaceId, connectionId, reason }, "WhatsApp connection marked broken");
}
