import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { contacts, phoneNumbers } from "@/db/schema";

/** Meta's pair rate limit: one message per 6 s to the same recipient (bursts beyond are refused). */
export const PAIR_INTERVAL_MS = 6_000;

/**
 * Pacing runs slightly under the number's limit: `limit` + 1 consecutive slots then span 1000 / 0.96 ≈
 * 1042 ms, so a request may reach Meta up to ~40 ms later than its slot (timers, the event loop, the
 * network) without `limit` + 1 requests ever landing in one second. 96 % of the limit is what is left.
 */
export const THROUGHPUT_HEADROOM = 0.96;

/** Milliseconds between two sends of a number allowed `perSecond` messages per second. */
export function sendIntervalMs(perSecond: number): number {
  return 1000 / (Math.max(1, perSecond) * THROUGHPUT_HEADROOM);
}

/**
 * Reserves the next send slot of a phone number, atomically and across replicas: the cursor moves one
 * interval past max(now, cursor), and the caller waits until the slot it got.
 */
export async function reservePhoneSlot(
  db: Executor,
  phoneNumberId: string,
  perSecond: number,
): Promise<Date> {
  const interval = sendIntervalMs(perSecond) / 1000;
  const [row] = await db
    .update(phoneNumbers)
    .set({
      nextSendAt: sql`greatest(clock_timestamp(), ${phoneNumbers.nextSendAt}) + make_interval(secs => ${interval})`,
    })
    .where(eq(phoneNumbers.id, phoneNumberId))
    .returning({ slot: sql<string>`${phoneNumbers.nextSendAt} - make_interval(secs => ${interval})` });
  return row ? new Date(row.slot) : new Date();
}

/** Reserves the next slot for one recipient (pair limit). */
export async function reserveRecipientSlot(db: Executor, contactId: string): Promise<Date> {
  const seconds = PAIR_INTERVAL_MS / 1000;
  const [row] = await db
    .update(contacts)
    .set({
      nextSendAt: sql`greatest(clock_timestamp(), ${contacts.nextSendAt}) + make_interval(secs => ${seconds})`,
    })
    .where(eq(contacts.id, contactId))
    .returning({ slot: sql<string>`${contacts.nextSendAt} - make_interval(secs => ${seconds})` });
  return row ? new Date(row.slot) : new Date();
}

export async function waitUntil(slot: Date): Promise<void> {
  const delay = slot.getTime() - Date.now();
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
}
