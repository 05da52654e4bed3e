import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  buildKeyring,
  decryptSecret,
  encryptSecret,
  hashToken,
  newToken,
  parseKey,
  sealedKeyId,
} from "./crypto";

function keySpec(id: string): string {
  return `${id}:${crypto.randomBytes(32).toString("base64")}`;
}

/** Flips one bit of one base64url part of a sealed value (by index: 2 iv, 3 tag, 4 ciphertext). */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptSecret and decryptSecret", () => {
  it("round-trips a value, including non-ASCII text, without leaving it readable", () => {
    const ring = buildKeyring(keySpec("k1"));
    const plain = "EAAG-access-token · رقي · 🔑";

    const sealed = encryptSecret(plain, ring);

    expect(sealed).toMatch(/^v1\.k1\./);
    expect(sealed).not.toContain(plain);
    expect(decryptSecret(sealed, ring)).toBe(plain);
  });

  it("seals the same value differently each time", () => {
    const ring = buildKeyring(keySpec("k1"));

    expect(encryptSecret("same", ring)).not.toBe(encryptSecret("same", ring));
  });

  it("uses TOKEN_ENCRYPTION_KEY when no keyring is given", () => {
    const sealed = encryptSecret("from the environment");

    expect(sealedKeyId(sealed)).toBe("k1");
    expect(decryptSecret(sealed)).toBe("from the environment");
    const ring = buildKeyring(process.env.TOKEN_ENCRYPTION_KEY ?? "");
    expect(decryptSecret(sealed, ring)).toBe("from the environment");
  });

  it("throws when the ciphertext, tag or iv has been tampered with", () => {
    const ring = buildKeyring(keySpec("k1"));
    const sealed = encryptSecret("do not touch", ring);

    for (const part of [2, 3, 4]) {
      expect(() => decryptSecret(tamper(sealed, part), ring), `part ${part}`).toThrow();
    }
  });

  it("throws on a value that is not a sealed secret", () => {
    const ring = buildKeyring(keySpec("k1"));

    expect(() => decryptSecret("plain-text-token", ring)).toThrow("not an encrypted secret");
    expect(() => decryptSecret("v2.k1.a.b.c", ring)).toThrow("not an encrypted secret");
  });

  it("still opens values sealed with an old key after rotation, and seals new ones with the new key", () => {
    const oldKey = keySpec("k1");
    const newKey = keySpec("k2");
    const sealedBefore = encryptSecret("sealed before rotation", buildKeyring(oldKey));

    const rotated = buildKeyring(newKey, ` ${oldKey} , `);
    const sealedAfter = encryptSecret("sealed after rotation", rotated);

    expect(decryptSecret(sealedBefore, rotated)).toBe("sealed before rotation");
    expect(sealedKeyId(sealedBefore)).toBe("k1");
    expect(sealedKeyId(sealedAfter)).toBe("k2");
    expect(decryptSecret(sealedAfter, rotated)).toBe("sealed after rotation");
  });

  it("throws an error naming the key id when the sealing key is not configured", () => {
    const sealed = encryptSecret("orphan", buildKeyring(keySpec("k7")));

    expect(() => decryptSecret(sealed, buildKeyring(keySpec("k8")))).toThrow(
      "no key with id k7 is configured",
    );
  });
});

describe("parseKey", () => {
  it("reads an id-prefixed key and treats a bare key as k1", () => {
    const raw = crypto.randomBytes(32);

    expect(parseKey(`k3:${raw.toString("base64")}`)).toEqual({ id: "k3", key: raw });
    expect(parseKey(raw.toString("base64"))).toEqual({ id: "k1", key: raw });
  });

  it("rejects a key that is not 32 bytes", () => {
    expect(() => parseKey(`k1:${crypto.randomBytes(16).toString("base64")}`)).toThrow("32 bytes");
    expect(() => buildKeyring(keySpec("k2"), "k1:short")).toThrow("32 bytes");
  });
});

describe("newToken", () => {
  it("returns a URL-safe random token with its sha256, and never the same token twice", () => {
    const first = newToken();
    const second = newToken();

    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.hash).toBe(crypto.createHash("sha256").update(first.token).digest("hex"));
    expect(hashToken(first.token)).toBe(first.hash);
    expect(second.token).not.toBe(first.token);
  });
});
