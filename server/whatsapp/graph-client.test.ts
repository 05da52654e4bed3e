import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { buildKeyring, encryptSecret } from "@/server/crypto";
import { createGraphClient, GraphError, type GraphClient } from "./graph-client";
import { orderShipped, startTestSandbox, TEST_APP, type TestSandbox } from "./sandbox/testing";

let t: TestSandbox;
let client: GraphClient;
afterEach(async () => {
  await t.sandbox.close();
});

function setUp(timeoutMs?: number) {
  t = startTestSandbox();
  client = createGraphClient({
    baseUrl: "https://graph.facebook.com/",
    version: "v25.0",
    fetch: t.sandbox.fetch,
    timeoutMs,
  });
  return { token: t.account.accessToken };
}

async function graphError(promise: Promise<unknown>): Promise<GraphError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

describe("sending", () => {
  it("returns the wamid, wa_id and status of an accepted message", async () => {
    const creds = setUp();
    const sent = await client.sendMessage(creds, t.phoneId, orderShipped("+1 650 555 1234"));

    expect(sent).toEqual({
      wamid: expect.stringMatching(/^wamid\./),
      waId: "16505551234",
      input: "+1 650 555 1234",
      messageStatus: "accepted",
    });
    expect(t.sandbox.sent()[0]?.wamid).toBe(sent.wamid);
  });

  it("opens a sealed token right before the call, with the configured keyring", async () => {
    setUp();
    const ring = buildKeyring(`k9:${crypto.randomBytes(32).toString("base64")}`);
    const sealed = encryptSecret(t.account.accessToken, ring);
    const withRing = createGraphClient({
      baseUrl: "https://graph.facebook.com",
      version: "v25.0",
      fetch: t.sandbox.fetch,
      keyring: ring,
    });
    const withEnvKey = createGraphClient({
      baseUrl: "https://graph.facebook.com",
      version: "v25.0",
      fetch: t.sandbox.fetch,
    });

    await expect(
      withRing.sendMessage({ sealedToken: sealed }, t.phoneId, orderShipped()),
    ).resolves.toMatchObject({ messageStatus: "accepted" });
    await expect(
      withEnvKey.sendMessage(
        { sealedToken: encryptSecret(t.account.accessToken) },
        t.phoneId,
        orderShipped(),
      ),
    ).resolves.toBeTruthy();
    await expect(withEnvKey.sendMessage({ sealedToken: sealed }, t.phoneId, orderShipped())).rejects.toThrow(
      "no key with id k9",
    );
  });

  it("marks a received message read", async () => {
    const creds = setUp();
    const { wamid } = await t.sandbox.simulateInbound({
      phoneNumberId: t.phoneId,
      from: "16505551234",
      text: "hi",
    });

    await expect(client.markRead(creds, t.phoneId, wamid)).resolves.toBeUndefined();
    expect((await graphError(client.markRead(creds, t.phoneId, "wamid.nope"))).code).toBe(100);
  });
});

describe("errors", () => {
  it("carries Meta's code, title, details and trace id, classified by lib/whatsapp/errors", async () => {
    const creds = setUp();
    const error = await graphError(
      client.sendMessage(creds, t.phoneId, {
        ...orderShipped(),
        template: { name: "nope", language: { code: "en_US" } },
      }),
    );

    expect(error).toMatchObject({
      httpStatus: 404,
      code: 132001,
      title: "Template name does not exist in the translation",
      details: "template name (nope) does not exist in en_US",
      fbtraceId: expect.any(String),
      retryable: false,
    });
    expect(error.info).toMatchObject({ code: 132001, kind: "template", retryable: false });
  });

  it("marks rate limits, pair limits and server errors retryable, window, opt-out and token errors not", async () => {
    const creds = setUp();
    const codes: [string, number, boolean][] = [];
    for (const kind of [
      "throughput_130429",
      "pair_131056",
      "server_500",
      "http_429",
      "sync_131047",
      "sync_131050",
      "token_190",
    ] as const) {
      t.sandbox.faults.add({ kind, times: 1 });
      const error = await graphError(client.sendMessage(creds, t.phoneId, orderShipped()));
      codes.push([kind, error.code, error.retryable]);
    }

    expect(codes).toEqual([
      ["throughput_130429", 130429, true],
      ["pair_131056", 131056, true],
      ["server_500", 131000, true],
      ["http_429", 4, true],
      ["sync_131047", 131047, false],
      ["sync_131050", 131050, false],
      ["token_190", 190, false],
    ]);
  });

  it("turns a timeout into a retryable error with code -1", async () => {
    const creds = setUp(50);
    t.sandbox.faults.add({ kind: "timeout" });
    const started = Date.now();
    const error = await graphError(client.sendMessage(creds, t.phoneId, orderShipped()));

    expect(error).toMatchObject({ code: -1, httpStatus: 0, retryable: true });
    expect(error.info.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("turns a network failure into a retryable error and a non-JSON answer into a classified one", async () => {
    const failing = createGraphClient({
      baseUrl: "https://graph.facebook.com",
      version: "v25.0",
      fetch: () => Promise.reject(new TypeError("fetch failed")),
    });
    const html = createGraphClient({
      baseUrl: "https://graph.facebook.com",
      version: "v25.0",
      fetch: () => Promise.resolve(new Response("<html>Bad gateway</html>", { status: 502 })),
    });
    setUp();

    const network = await graphError(failing.subscribeApp({ token: "x" }, "1"));
    const gateway = await graphError(html.subscribeApp({ token: "x" }, "1"));
    expect(network).toMatchObject({ code: -1, retryable: true });
    expect(gateway).toMatchObject({ httpStatus: 502, retryable: true, details: "<html>Bad gateway</html>" });
  });

  it("never puts the token in the error", async () => {
    const creds = setUp();
    t.sandbox.faults.add({ kind: "token_190" });
    const error = await graphError(client.listPhoneNumbers(creds, t.account.wabaId));

    expect(error.code).toBe(190);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(creds.token);
  });
});

describe("account management", () => {
  it("lists templates page by page: `next` is the cursor for `after`", async () => {
    const creds = setUp();
    const names: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const result = await client.listTemplates(creds, t.account.wabaId, { limit: 4, after });
      names.push(...result.data.map((d) => `${d.name}/${d.language}/${d.parameter_format}`));
      if (!result.next) break;
      after = result.next;
    }

    expect(names).toHaveLength(6);
    expect(names).toContain("weekly_offer/en_US/NAMED");
  });

  it("creates a template, and deletes it by name and id", async () => {
    const creds = setUp();
    const created = await client.createTemplate(creds, t.account.wabaId, {
      name: "order_delayed",
      category: "UTILITY",
      language: "en_US",
      components: [{ type: "BODY", text: "Hi {{1}}", example: { body_text: [["Pablo"]] } }],
    });
    expect(created).toEqual({ id: expect.any(String), status: "PENDING", category: "UTILITY" });

    await client.deleteTemplate(creds, t.account.wabaId, "order_delayed", created.id);
    expect((await graphError(client.deleteTemplate(creds, t.account.wabaId, "order_delayed"))).code).toBe(
      100,
    );
  });

  it("reads phone numbers, registers one and subscribes the app", async () => {
    const creds = setUp();
    const numbers = await client.listPhoneNumbers(creds, t.account.wabaId);
    const one = await client.getPhoneNumber(creds, t.phoneId);

    expect(numbers).toEqual([
      expect.objectContaining({
        id: t.phoneId,
        display_phone_number: "+1 555-000-0001",
        verified_name: "Acme Shoes",
        code_verification_status: "VERIFIED",
        quality_rating: "GREEN",
        throughput: { level: "STANDARD" },
        messaging_limit_tier: "TIER_250",
      }),
    ]);
    expect(one.id).toBe(t.phoneId);
    await expect(client.registerPhoneNumber(creds, t.phoneId, "123456")).resolves.toBeUndefined();
    expect((await graphError(client.registerPhoneNumber(creds, t.phoneId, "12"))).code).toBe(100);
    await expect(client.subscribeApp(creds, t.account.wabaId)).resolves.toBeUndefined();
  });

  it("exchanges a signup code and inspects the token", async () => {
    setUp();
    const code = t.sandbox.issueSignupCode({ wabaId: t.account.wabaId, phoneNumberIds: [t.phoneId] });
    const { accessToken } = await client.exchangeCode({ ...TEST_APP, code });
    const info = await client.debugToken({ inputToken: accessToken, ...TEST_APP });

    expect(info).toEqual({
      isValid: true,
      appId: TEST_APP.appId,
      scopes: expect.arrayContaining(["whatsapp_business_management", "whatsapp_business_messaging"]),
      granularScopes: expect.arrayContaining([
        { scope: "whatsapp_business_management", target_ids: [t.account.wabaId] },
      ]),
      expiresAt: undefined,
    });
    expect((await graphError(client.exchangeCode({ ...TEST_APP, code }))).code).toBe(100);
    expect((await client.debugToken({ inputToken: "EAASnope", ...TEST_APP })).isValid).toBe(false);
  });
});
