import "server-only";
import crypto from "node:crypto";
import { env } from "@/server/env";

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison is constant-time whatever the lengths.
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * Meta's subscription check (`GET ?hub.mode=subscribe&hub.challenge=N&hub.verify_token=T`): the
 * challenge to echo when the token is ours, else null.
 */
export function verifySubscription(params: URLSearchParams): string | null {
  const token = params.get("hub.verify_token");
  const challenge = params.get("hub.challenge");
  if (params.get("hub.mode") !== "subscribe" || token === null || challenge === null) return null;
  return sameSecret(token, env().WEBHOOK_VERIFY_TOKEN) ? challenge : null;
}
