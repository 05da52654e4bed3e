import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { signInInput } from "@/lib/auth/schemas";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { UserRef } from "@/server/services/workspaces/types";
import { decoyHash, verifyPassword } from "./passwords";
import { clearFailures, lockedUntil, recordFailure, throttleKey } from "./sign-in-throttle";

export type CredentialsResult =
  | { ok: true; user: UserRef }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

/**
 * Checks an email and password. Unknown emails and wrong passwords look the same to the caller and take
 * the same time; repeated failures lock the email and the client address (sign-in-throttle.ts).
 */
export async function verifyCredentials(raw: unknown, clientIp: string): Promise<CredentialsResult> {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const locked = await lockedUntil([throttleKey("email", email), throttleKey("ip", clientIp)]);
  if (locked) {
    await recordAudit(null, { id: null, email }, "auth.sign_in_throttled", null, { ip: clientIp });
    return { ok: false, reason: "throttled", retryAt: locked };
  }

  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await decoyHash(), password)) && false;

  if (!user || !valid) {
    const byEmail = await recordFailure("email", email);
    await recordFailure("ip", clientIp);
    await recordAudit(null, user ? user : { id: null, email }, "auth.sign_in_failed", null, {
      ip: clientIp,
      failures: byEmail.failures,
    });
    return { ok: false, reason: "invalid" };
  }
  await clearFailures("email", email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
