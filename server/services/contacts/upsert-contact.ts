import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { contacts } from "@/db/schema";

export interface UpsertContactInput {
  workspaceId: string;
  /** E.164. */
  phone: string;
  waId?: string | null;
  name?: string | null;
  /** An inbound message's time: opens the 24-hour window (never moves it backwards). */
  inboundAt?: Date | null;
  attributes?: Record<string, unknown>;
  consentSource?: string | null;
}

export type ContactRow = typeof contacts.$inferSelect;

/** One statement, safe under concurrency: creates the contact or merges what is new into it. */
export async function upsertContact(input: UpsertContactInput, tx: Executor): Promise<ContactRow> {
  const [row] = await tx
    .insert(contacts)
    .values({
      workspaceId: input.workspaceId,
      phone: input.phone,
      waId: input.waId ?? null,
      name: input.name ?? null,
      lastInboundAt: input.inboundAt ?? null,
      attributes: input.attributes ?? {},
      consentSource: input.consentSource ?? null,
      consentAt: input.consentSource ? new Date() : null,
    })
    .onConflictDoUpdate({
      target: [contacts.workspaceId, contacts.phone],
      set: {
        waId: sql`coalesce(excluded.wa_id, ${contacts.waId})`,
        name: sql`coalesce(excluded.name, ${contacts.name})`,
        lastInboundAt: sql`greatest(${contacts.lastInboundAt}, excluded.last_inbound_at)`,
        attributes: sql`${contacts.attributes} || excluded.attributes`,
        consentSource: sql`coalesce(${contacts.consentSource}, excluded.consent_source)`,
        consentAt: sql`coalesce(${contacts.consentAt}, excluded.consent_at)`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  if (!row) throw new Error("contact upsert returned no row");
  return row;
}
