import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { phoneNumbers, whatsappConnections } from "@/db/schema";

/** Where updates for one of Meta's phone number ids go. */
export interface NumberRoute {
  workspaceId: string;
  /** Our phone_numbers.id. */
  phoneNumberId: string;
}

/** Active numbers by Meta's phone number id (the id every `messages`-field webhook carries). */
export async function routeNumbers(tx: Executor, metaIds: string[]): Promise<Map<string, NumberRoute>> {
  if (metaIds.length === 0) return new Map();
  const rows = await tx
    .select({
      metaId: phoneNumbers.metaPhoneNumberId,
      workspaceId: phoneNumbers.workspaceId,
      phoneNumberId: phoneNumbers.id,
    })
    .from(phoneNumbers)
    .where(and(inArray(phoneNumbers.metaPhoneNumberId, metaIds), eq(phoneNumbers.active, true)))
    .prepare(`webhook_route_numbers_${metaIds.length}`)
    .execute();
  return new Map(rows.map((r) => [r.metaId, { workspaceId: r.workspaceId, phoneNumberId: r.phoneNumberId }]));
}

/**
 * Workspaces with a live connection to each WABA (template and preference webhooks carry no phone
 * number id). Usually one; a WABA connected to several workspaces gets the update in each.
 */
export async function routeWabas(tx: Executor, wabaIds: string[]): Promise<Map<string, string[]>> {
  if (wabaIds.length === 0) return new Map();
  const rows = await tx
    .select({ wabaId: whatsappConnections.wabaId, workspaceId: whatsappConnections.workspaceId })
    .from(whatsappConnections)
    .where(and(inArray(whatsappConnections.wabaId, wabaIds), ne(whatsappConnections.status, "disconnected")));
  const routes = new Map<string, string[]>();
  for (const row of rows) routes.set(row.wabaId, [...(routes.get(row.wabaId) ?? []), row.workspaceId]);
  return routes;
}
