import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { signPayload } from "../whatsapp/signature";
import { exampleHookBody, hookCurlExample } from "./hook-example";
import { hookMappingSchema } from "./hook-mapping";
import { mapHookPayload } from "./hooks";

describe("exampleHookBody", () => {
  it("builds a body the default mapping reads", () => {
    const body = exampleHookBody();
    expect(body).toEqual({ order_id: "#1042", phone: "+966501234567", name: "Sara" });
    expect(mapHookPayload(body, {})).toMatchObject({
      ok: true,
      payload: { phone: "+966501234567", name: "Sara" },
    });
  });

  it("follows nested paths and a data path", () => {
    const mapping = hookMappingSchema.parse({
      phone: "$.customer.phone",
      name: "customer.first_name",
      data: "order",
    });
    const body = exampleHookBody(mapping);
    expect(body).toEqual({
      order: { order_id: "#1042" },
      customer: { phone: "+966501234567", first_name: "Sara" },
    });
    expect(mapHookPayload(body, mapping)).toEqual({
      ok: true,
      payload: { phone: "+966501234567", name: "Sara", data: { order_id: "#1042" } },
    });
  });
});

/** Runs the example as a shell would, with curl replaced by a function that prints the header it got. */
function signatureFromExample(script: string): string {
  const shimmed = `curl() { for a in "$@"; do case "$a" in X-Raqi-Signature:*) printf '%s' "$a";; esac; done; }\n${script}`;
  return execFileSync("bash", ["-c", shimmed], { encoding: "utf8" });
}

describe("hookCurlExample", () => {
  const body = JSON.stringify({ phone: "+966501234567", note: 'it\'s "quoted" $HOME' });

  it.skipIf(!existsSync("/usr/bin/openssl") && !existsSync("/bin/openssl"))(
    "signs the body exactly as the hook verifies it, quotes and dollars included",
    () => {
      const script = hookCurlExample({
        url: "https://raqi.example/api/hooks/hk_x",
        authKind: "hmac",
        body,
        secret: "rqs_s3cret",
      });
      expect(signatureFromExample(script)).toBe(`X-Raqi-Signature: ${signPayload(body, "rqs_s3cret")}`);
    },
  );

  it("sends the bearer secret for bearer hooks, and a placeholder when the secret is not shown", () => {
    const script = hookCurlExample({ url: "https://raqi.example/api/hooks/hk_x", authKind: "bearer", body });
    expect(script).toContain(`-H "Authorization: Bearer $SECRET"`);
    expect(script).toContain("SECRET='<your webhook secret>'");
    expect(script).not.toContain("openssl");
  });
});
