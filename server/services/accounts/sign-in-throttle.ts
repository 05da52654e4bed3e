import "server-only";
import { and, gt, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInThrottle } from "@/db/schema";

/**
 * Repeated failed sign-ins lock the key (an email or a client address) for a while. Counters live in
 * the database so the limit holds across processes and replicas.
 */
export const THROTTLE_POLICY = {
  email: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
  ip: { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 },
} as const;

type KeyKind = keyof typeof THROTTLE_POLICY;

export function throttleKey(kind: KeyKind, value: string): string {
  return `${kind}:${value.toLowerCase()}`;
}

/** The time until which any of the keys is locked, or null when none is. */
export async function lockedUntil(keys: string[]): Promise<Date | null> {
  const db = await getDb();
  const rows = await db
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(and(inArray(signInThrottle.key, keys), gt(signInThrottle.lockedUntil, sql`now()`)));
  const times = rows.map((r) => r.lockedUntil?.getTime() ?? 0);
  return times.length ? new Date(Math.max(...times)) : null;
}

export async function recordFailure(
  kind: KeyKind,
  value: string,
): Promise<{ failures: number; locked: boolean }> {
  const policy = THROTTLE_POLICY[kind];
  const db = await getDb();
  const window = sql.raw(`interval '${policy.windowMinutes} minutes'`);
  const lock = sql.raw(`interval '${policy.lockMinutes} minutes'`);
  const expired = sql`${signInThrottle.windowStart} < now() - ${window}`;
  const next = sql`case when ${expired} then 1 else ${signInThrottle.failures} + 1 end`;
  const [row] = await db
    .insert(signInThrottle)
    .values({ key: throttleKey(kind, value), failures: 1 })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: next,
        windowStart: sql`case when ${expired} then now() else ${signInThrottle.windowStart} end`,
        lockedUntil: sql`case when ${next} >= ${policy.maxFailures} then now() + ${lock} else ${signInThrottle.lockedUntil} end`,
      },
    })
    .returning({ failures: signInThrottle.failures, lockedUntil: signInThrottle.lockedUntil });
  return { failures: row?.failures ?? 1, locked: Boolean(row?.lockedUntil && row.lockedUntil > new Date()) };
}

export async function clearFailures(kind: KeyKind, value: string): Promise<void> {
  const db = await getDb();
  await db.delete(signInThrottle).where(inArray(signInThrottle.key, [throttleKey(kind, value)]));
}
