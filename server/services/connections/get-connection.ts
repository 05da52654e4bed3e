import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { phoneNumbers, whatsappConnections, type ConnectionKind, type ConnectionStatus } from "@/db/schema";

/** What the browser may see of a connection: everything but the token. */
export interface ConnectionView {
  id: string;
  kind: ConnectionKind;
  method: string;
  status: ConnectionStatus;
  statusReason: string | null;
  wabaId: string;
  businessId: string | null;
  businessName: string | null;
  createdAt: Date;
  phoneNumbers: PhoneNumberView[];
}

export interface PhoneNumberView {
  id: string;
  metaPhoneNumberId: string;
  displayPhoneNumber: string;
  verifiedName: string | null;
  qualityRating: string | null;
  messagingLimitTier: string | null;
  throughputPerSecond: number;
  isDefault: boolean;
}

/** The workspace's live (not disconnected) connection, or null. */
export async function getConnection(workspaceId: string, tx?: Executor): Promise<ConnectionView | null> {
  const db = tx ?? (await getDb());
  const [connection] = await db
    .select({
      id: whatsappConnections.id,
      kind: whatsappConnections.kind,
      method: whatsappConnections.method,
      status: whatsappConnections.status,
      statusReason: whatsappConnections.statusReason,
      wabaId: whatsappConnections.wabaId,
      businessId: whatsappConnections.businessId,
      businessName: whatsappConnections.businessName,
      createdAt: whatsappConnections.createdAt,
    })
    .from(whatsappConnections)
    .where(
      and(eq(whatsappConnections.workspaceId, workspaceId), ne(whatsappConnections.status, "disconnected")),
    )
    .limit(1);
  if (!connection) return null;
  const numbers = await db
    .select({
      id: phoneNumbers.id,
      metaPhoneNumberId: phoneNumbers.metaPhoneNumberId,
      displayPhoneNumber: phoneNumbers.displayPhoneNumber,
      verifiedName: phoneNumbers.verifiedName,
      qualityRating: phoneNumbers.qualityRating,
      messagingLimitTier: phoneNumbers.messagingLimitTier,
      throughputPerSecond: phoneNumbers.throughputPerSecond,
      isDefault: phoneNumbers.isDefault,
    })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.connectionId, connection.id), eq(phoneNumbers.active, true)))
    .orderBy(asc(phoneNumbers.createdAt));
  return { ...connection, phoneNumbers: numbers };
}
