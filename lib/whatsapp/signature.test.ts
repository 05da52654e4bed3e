import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeSignedRequest, parseSignedRequest, signPayload, verifySignature } from "./signature";

const SECRET = "app-secret";
const BODY = '{"object":"whatsapp_business_account","entry":[]}';

describe("webhook signature", () => {
  it("signs the raw body as sha256=<hex HMAC-SHA256 with the app secret>", () => {
    const hex = createHmac("sha256", SECRET).update(BODY).digest("hex");
    expect(signPayload(BODY, SECRET)).toBe(`sha256=${hex}`);
  });

  it("gives the same signature for a string and its UTF-8 bytes", () => {
    const text = '{"text":"مرحبا ✓"}';
    expect(signPayload(new TextEncoder().encode(text), SECRET)).toBe(signPayload(text, SECRET));
  });

  it("accepts the signature of the exact body, bytes or string", () => {
    const header = signPayload(BODY, SECRET);
    expect(verifySignature(BODY, header, SECRET)).toBe(true);
    expect(verifySignature(new TextEncoder().encode(BODY), header, SECRET)).toBe(true);
    expect(verifySignature(BODY, header.toUpperCase().replace("SHA256=", "sha256="), SECRET)).toBe(true);
  });

  it("rejects a body changed by even one byte (e.g. re-serialised JSON)", () => {
    const header = signPayload(BODY, SECRET);
    expect(verifySignature(BODY.replace("[]", "[ ]"), header, SECRET)).toBe(false);
    expect(verifySignature(`${BODY}\n`, header, SECRET)).toBe(false);
  });

  it("rejects a signature made with another secret", () => {
    expect(verifySignature(BODY, signPayload(BODY, "other"), SECRET)).toBe(false);
  });

  it.each([
    ["missing", undefined],
    ["null", null],
    ["empty", ""],
    ["prefix only", "sha256="],
    ["sha1 prefix", `sha1=${"a".repeat(40)}`],
    ["no prefix", createHmac("sha256", SECRET).update(BODY).digest("hex")],
    ["too short", `sha256=${"a".repeat(63)}`],
    ["too long", `sha256=${"a".repeat(66)}`],
    ["non-hex", `sha256=${"z".repeat(64)}`],
    ["trailing space", `${"sha256="}${createHmac("sha256", SECRET).update(BODY).digest("hex")} `],
  ])("returns false, without throwing, for a %s header", (_name, header) => {
    expect(verifySignature(BODY, header, SECRET)).toBe(false);
  });
});

describe("signed_request", () => {
  const payload = {
    algorithm: "HMAC-SHA256",
    expires: 1_700_000_000,
    issued_at: 1_699_990_000,
    user_id: "218471",
  };

  it("round-trips a request signed with the app secret", () => {
    const result = parseSignedRequest(makeSignedRequest(payload, SECRET), SECRET);
    expect(result).toEqual({ ok: true, payload });
  });

  it("verifies Meta's format: b64url(HMAC over the payload segment) . b64url(JSON)", () => {
    const segment = Buffer.from(JSON.stringify({ algorithm: "HMAC-SHA256", user_id: "9" })).toString(
      "base64url",
    );
    const signature = createHmac("sha256", SECRET).update(segment).digest("base64url");
    expect(parseSignedRequest(`${signature}.${segment}`, SECRET)).toEqual({
      ok: true,
      payload: { algorithm: "HMAC-SHA256", user_id: "9" },
    });
  });

  it("keeps unknown payload fields", () => {
    const result = parseSignedRequest(makeSignedRequest({ ...payload, extra: { a: 1 } }, SECRET), SECRET);
    expect(result.ok && result.payload.extra).toEqual({ a: 1 });
  });

  it("rejects a request signed with another secret", () => {
    expect(parseSignedRequest(makeSignedRequest(payload, "other"), SECRET)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("rejects a payload swapped under a valid signature", () => {
    const [signature] = makeSignedRequest(payload, SECRET).split(".");
    const forged = Buffer.from(JSON.stringify({ ...payload, user_id: "1" })).toString("base64url");
    expect(parseSignedRequest(`${signature}.${forged}`, SECRET)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("rejects a signature of the wrong length", () => {
    const [, segment] = makeSignedRequest(payload, SECRET).split(".");
    expect(parseSignedRequest(`AAAA.${segment}`, SECRET)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects any algorithm but HMAC-SHA256, even when signed", () => {
    expect(parseSignedRequest(makeSignedRequest({ ...payload, algorithm: "none" }, SECRET), SECRET)).toEqual({
      ok: false,
      reason: "bad_algorithm",
    });
    expect(parseSignedRequest(makeSignedRequest({ user_id: "1" }, SECRET), SECRET)).toEqual({
      ok: false,
      reason: "bad_algorithm",
    });
  });

  it("accepts the algorithm name in any case, as Meta's samples do", () => {
    const result = parseSignedRequest(
      makeSignedRequest({ ...payload, algorithm: "hmac-sha256" }, SECRET),
      SECRET,
    );
    expect(result.ok).toBe(true);
  });

  const signedSegment = (segment: string) =>
    `${createHmac("sha256", SECRET).update(segment).digest("base64url")}.${segment}`;

  it.each([
    ["an empty value", ""],
    ["one segment", "abc"],
    ["three segments", "a.b.c"],
    ["an empty signature", ".eyJ9"],
    ["standard base64 characters", "ab+/.cd"],
    ["an impossible base64 length", "abcde.abcd"],
    ["a payload that is not JSON", signedSegment(Buffer.from("not json").toString("base64url"))],
    ["a JSON array payload", signedSegment(Buffer.from("[1]").toString("base64url"))],
    [
      "a numeric user_id",
      signedSegment(Buffer.from('{"algorithm":"HMAC-SHA256","user_id":5}').toString("base64url")),
    ],
    [
      "a string issued_at",
      signedSegment(
        Buffer.from('{"algorithm":"HMAC-SHA256","user_id":"5","issued_at":"x"}').toString("base64url"),
      ),
    ],
  ])("calls %s malformed", (_name, value) => {
    expect(parseSignedRequest(value, SECRET)).toEqual({ ok: false, reason: "malformed" });
  });
});
