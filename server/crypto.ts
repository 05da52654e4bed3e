import "server-only";
import crypto from "node:crypto";
import { env } from "@/server/env";

/**
 * Encryption at rest for third-party tokens (Meta access tokens): AES-256-GCM with a key id in the
 * ciphertext, so keys can rotate — new values use TOKEN_ENCRYPTION_KEY, old ones still open with
 * TOKEN_ENCRYPTION_KEYS_OLD. Format: `v1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>`.
 */
export interface Keyring {
  current: { id: string; key: Buffer };
  all: Map<string, Buffer>;
}

export function parseKey(spec: string): { id: string; key: Buffer } {
  const [maybeId, maybeKey] = spec.includes(":") ? spec.split(":", 2) : ["k1", spec];
  const key = Buffer.from(maybeKey ?? "", "base64");
  if (!maybeId || key.length !== 32) throw new Error("encryption key must be 32 bytes of base64");
  return { id: maybeId, key };
}

export function buildKeyring(current: string, old?: string): Keyring {
  const currentKey = parseKey(current);
  const all = new Map([[currentKey.id, currentKey.key]]);
  for (const spec of (old ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const k = parseKey(spec);
    if (!all.has(k.id)) all.set(k.id, k.key);
  }
  return { current: currentKey, all };
}

let keyring: Keyring | undefined;
function defaultKeyring(): Keyring {
  keyring ??= buildKeyring(env().TOKEN_ENCRYPTION_KEY, env().TOKEN_ENCRYPTION_KEYS_OLD);
  return keyring;
}

export function encryptSecret(plain: string, ring: Keyring = defaultKeyring()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", ring.current.key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    "v1",
    ring.current.id,
    iv.toString("base64url"),
    tag.toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

export function decryptSecret(sealed: string, ring: Keyring = defaultKeyring()): string {
  const [version, keyId, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !keyId || !iv || !tag || body === undefined)
    throw new Error("not an encrypted secret");
  const key = ring.all.get(keyId);
  if (!key) throw new Error(`no key with id ${keyId} is configured`);
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** Which key sealed a value: lets a rotation job find values still on an old key. */
export function sealedKeyId(sealed: string): string | undefined {
  return sealed.split(".")[1];
}

/** A random URL-safe token and its sha256, for links whose token must never be stored. */
export function newToken(bytes = 32): { token: string; hash: string } {
  const token = crypto.randomBytes(bytes).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
