import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * HMAC signatures Meta puts on what it sends us (../shared/WHATSAPP.md): `X-Hub-Signature-256` on
 * webhook deliveries, and the `signed_request` of the data-deletion and deauthorize callbacks. Both
 * are checked over the bytes as received, in constant time, and never throw on hostile input.
 */
const SIGNATURE_PREFIX = "sha256=";
const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
/** The only algorithm Meta uses for signed requests. */
export const SIGNED_REQUEST_ALGORITHM = "HMAC-SHA256";

function hmac(data: string | Uint8Array, secret: string): Buffer {
  return createHmac("sha256", secret).update(data).digest();
}

/** The `X-Hub-Signature-256` value Meta would send for `raw`: `sha256=<hex>`. */
export function signPayload(raw: string | Uint8Array, secret: string): string {
  return SIGNATURE_PREFIX + hmac(raw, secret).toString("hex");
}

/** Whether `header` is the `X-Hub-Signature-256` of `raw` (the body exactly as received). */
export function verifySignature(
  raw: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
): boolean {
  if (typeof header !== "string" || !header.startsWith(SIGNATURE_PREFIX)) return false;
  const hex = header.slice(SIGNATURE_PREFIX.length);
  if (!HEX_SHA256.test(hex)) return false;
  const given = Buffer.from(hex, "hex");
  const expected = hmac(raw, secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface SignedRequestPayload {
  algorithm: string;
  user_id: string;
  issued_at?: number;
  expires?: number;
  [key: string]: unknown;
}

export type SignedRequestResult =
  | { ok: true; payload: SignedRequestPayload }
  | { ok: false; reason: "malformed" | "bad_signature" | "bad_algorithm" };

function decodeBase64Url(segment: string): Buffer | null {
  // Buffer.from ignores characters outside the alphabet: check the alphabet first.
  if (!BASE64URL.test(segment) || segment.replace(/=+$/, "").length % 4 === 1) return null;
  return Buffer.from(segment, "base64url");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a Meta `signed_request` (`<b64url signature>.<b64url JSON payload>`), the signature being
 * HMAC-SHA256 with the app secret over the payload segment as sent. The signature is checked before
 * the payload is trusted; an algorithm other than HMAC-SHA256 is rejected even when signed.
 */
export function parseSignedRequest(value: string, appSecret: string): SignedRequestResult {
  const parts = typeof value === "string" ? value.trim().split(".") : [];
  const [signatureSegment, payloadSegment] = parts;
  if (parts.length !== 2 || !signatureSegment || !payloadSegment) return { ok: false, reason: "malformed" };
  const signature = decodeBase64Url(signatureSegment);
  const payloadBytes = decodeBase64Url(payloadSegment);
  if (!signature || !payloadBytes) return { ok: false, reason: "malformed" };

  const expected = hmac(payloadSegment, appSecret);
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    return { ok: false, reason: "bad_signature" };
  }

  let payload: unknown;
  try {
    payload = JSON.parse(payloadBytes.toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!isRecord(payload)) return { ok: false, reason: "malformed" };
  const { algorithm, user_id: userId, issued_at: issuedAt, expires } = payload;
  if (typeof algorithm !== "string" || algorithm.toUpperCase() !== SIGNED_REQUEST_ALGORITHM) {
    return { ok: false, reason: "bad_algorithm" };
  }
  if (typeof userId !== "string" || userId === "") return { ok: false, reason: "malformed" };
  if (issuedAt !== undefined && typeof issuedAt !== "number") return { ok: false, reason: "malformed" };
  if (expires !== undefined && typeof expires !== "number") return { ok: false, reason: "malformed" };
  return { ok: true, payload: { ...payload, algorithm, user_id: userId } };
}

/** Signs a payload the way Meta does, for tests and the offline sandbox. */
export function makeSignedRequest(payload: Record<string, unknown>, secret: string): string {
  const payloadSegment = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  return `${hmac(payloadSegment, secret).toString("base64url")}.${payloadSegment}`;
}
