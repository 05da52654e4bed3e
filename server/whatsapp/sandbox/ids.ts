import crypto from "node:crypto";

/** Identifiers shaped like Meta's, so code that parses or stores them meets realistic values. */

/** A Graph object id: 15 digits (below 2^53, as Meta's webhooks carry some ids as JSON numbers). */
export function newObjectId(): string {
  const part = () => String(crypto.randomInt(0, 10_000_000)).padStart(7, "0");
  return `${crypto.randomInt(1, 9)}${part()}${part()}`;
}

/** Message ids are base64 with `+`, `/` and `=`: treat them as opaque strings. */
export function newWamid(): string {
  return `wamid.HBgL${crypto.randomBytes(33).toString("base64")}`;
}

export function newAccessToken(): string {
  return `EAAS${crypto.randomBytes(120).toString("base64url").replace(/[-_]/g, "")}`;
}

export function newSignupCode(): string {
  return `AQ${crypto.randomBytes(96).toString("base64url")}`;
}

export function newFbtraceId(): string {
  return crypto.randomBytes(16).toString("base64url").slice(0, 23);
}
