import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SAMPLE_TEMPLATES } from "../../../lib/flow/starters";
import { createSandbox } from "./index";
import { metaError, orderShipped, startTestSandbox, TEST_APP, type TestSandbox } from "./testing";

let t: TestSandbox;
afterEach(async () => {
  await t.sandbox.close();
});

const newTemplate = (over: Record<string, unknown> = {}) => ({
  name: "order_delayed",
  category: "UTILITY",
  language: "en_US",
  parameter_format: "positional",
  components: [
    { type: "HEADER", format: "TEXT", text: "Order update" },
    { type: "BODY", text: "Hi {{1}}, order {{2}} is late.", example: { body_text: [["Pablo", "#1"]] } },
    { type: "FOOTER", text: "Acme Shoes" },
    {
      type: "BUTTONS",
      buttons: [
        { type: "QUICK_REPLY", text: "OK" },
        { type: "URL", text: "Track", url: "https://x.example/{{1}}", example: ["https://x.example/1"] },
      ],
    },
  ],
  ...over,
});

describe("provisioning", () => {
  it("seeds the sample templates of lib/flow/starters.ts with their statuses", async () => {
    t = startTestSandbox();
    const response = await t.graph(
      "GET",
      `${t.account.wabaId}/message_templates?fields=name,language,status,category,parameter_format,components`,
    );
    const { data } = (await response.json()) as {
      data: { name: string; language: string; status: string; parameter_format: string; id: string }[];
    };

    expect(data.map((d) => `${d.name}/${d.language}/${d.status}`)).toEqual(
      SAMPLE_TEMPLATES.map((s) => `${s.name}/${s.language}/${s.status}`),
    );
    expect(data.find((d) => d.name === "weekly_offer")?.parameter_format).toBe("NAMED");
    expect(data.every((d) => /^\d{15}$/.test(d.id))).toBe(true);
  });
});

describe("message templates", () => {
  it("creates a template as PENDING, then approves it with a status webhook", async () => {
    t = startTestSandbox();
    const response = await t.graph("POST", `${t.account.wabaId}/message_templates`, newTemplate());
    const created = (await response.json()) as { id: string; status: string; category: string };

    expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), status: "PENDING", category: "UTILITY" });
    const pendingSend = await t.graph("POST", `${t.phoneId}/messages`, {
      ...orderShipped(),
      template: { name: "order_delayed", language: { code: "en_US" } },
    });
    expect((await metaError(pendingSend)).code).toBe(132001);

    await t.sandbox.idle();
    expect(t.fields("message_template_status_update")).toEqual([
      expect.objectContaining({
        event: "APPROVED",
        message_template_id: Number(created.id),
        message_template_name: "order_delayed",
        message_template_language: "en_US",
      }),
    ]);
    const listed = (await (
      await t.graph("GET", `${t.account.wabaId}/message_templates?name=order_delayed`)
    ).json()) as { data: { status: string }[] };
    expect(listed.data[0]?.status).toBe("APPROVED");
  });

  it("rejects a template whose name starts with reject_ after review", async () => {
    t = startTestSandbox();
    await t.graph("POST", `${t.account.wabaId}/message_templates`, newTemplate({ name: "reject_me" }));
    await t.sandbox.idle();

    expect(t.fields("message_template_status_update")[0]).toMatchObject({
      event: "REJECTED",
      message_template_name: "reject_me",
      reason: "INVALID_FORMAT",
    });
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ["a name with capitals", { name: "Order_Delayed" }, /name/],
    ["a name over 512 characters", { name: "a".repeat(513) }, /name/],
    ["no category", { category: undefined }, /category/],
    ["an unknown category", { category: "PROMO" }, /category/],
    ["no language", { language: undefined }, /language/],
    ["no components", { components: [] }, /components/],
    ["no body", { components: [{ type: "FOOTER", text: "x" }] }, /BODY/],
    ["a body over 1024 characters", { components: [{ type: "BODY", text: "b".repeat(1025) }] }, /BODY text/],
    [
      "variables out of sequence",
      { components: [{ type: "BODY", text: "Hi {{2}}", example: { body_text: [["a"]] } }] },
      /sequence/,
    ],
    ["variables without examples", { components: [{ type: "BODY", text: "Hi {{1}}" }] }, /example/],
    [
      "named variables without named examples",
      {
        parameter_format: "named",
        components: [{ type: "BODY", text: "Hi {{first_name}}", example: { body_text: [["a"]] } }],
      },
      /example/,
    ],
    [
      "a header over 60 characters",
      {
        components: [
          { type: "HEADER", format: "TEXT", text: "h".repeat(61) },
          { type: "BODY", text: "x" },
        ],
      },
      /HEADER/,
    ],
    [
      "an image header without an example",
      {
        components: [
          { type: "HEADER", format: "IMAGE" },
          { type: "BODY", text: "x" },
        ],
      },
      /header_handle/,
    ],
    [
      "a button text over 25 characters",
      {
        components: [
          { type: "BODY", text: "x" },
          { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "q".repeat(26) }] },
        ],
      },
      /Button text/,
    ],
    [
      "eleven buttons",
      {
        components: [
          { type: "BODY", text: "x" },
          {
            type: "BUTTONS",
            buttons: Array.from({ length: 11 }, (_, i) => ({ type: "QUICK_REPLY", text: `b${i}` })),
          },
        ],
      },
      /1 to 10/,
    ],
  ];
  it.each(invalid)("refuses %s with code 100", async (_, over, details) => {
    t = startTestSandbox();
    const error = await metaError(
      await t.graph("POST", `${t.account.wabaId}/message_templates`, newTemplate(over)),
    );

    expect(error).toMatchObject({ status: 400, code: 100 });
    expect(`${error.message} ${error.details ?? ""}`).toMatch(details);
  });

  it("refuses a second template with the same name and language", async () => {
    t = startTestSandbox();
    const error = await metaError(
      await t.graph("POST", `${t.account.wabaId}/message_templates`, newTemplate({ name: "order_shipped" })),
    );

    expect(error).toMatchObject({ code: 100, error_subcode: 2388024 });
  });

  it("lists templates page by page with cursors", async () => {
    t = startTestSandbox();
    const names: string[] = [];
    let path = `${t.account.wabaId}/message_templates?limit=4`;
    for (let page = 0; page < 5; page += 1) {
      const json = (await (await t.graph("GET", path)).json()) as {
        data: { name: string }[];
        paging: { cursors: { after: string }; next?: string };
      };
      names.push(...json.data.map((d) => d.name));
      if (!json.paging.next) break;
      expect(new URL(json.paging.next).searchParams.get("after")).toBe(json.paging.cursors.after);
      path = `${t.account.wabaId}/message_templates?limit=4&after=${encodeURIComponent(json.paging.cursors.after)}`;
    }

    expect(names).toEqual(SAMPLE_TEMPLATES.map((s) => s.name));
    expect(
      (await metaError(await t.graph("GET", `${t.account.wabaId}/message_templates?fields=name,colour`)))
        .code,
    ).toBe(100);
  });

  it("deletes every language of a name, or one by hsm_id", async () => {
    t = startTestSandbox();
    const list = async () =>
      (
        (await (await t.graph("GET", `${t.account.wabaId}/message_templates`)).json()) as {
          data: { name: string; language: string; id: string }[];
        }
      ).data;
    const arabic = (await list()).find((d) => d.name === "order_shipped" && d.language === "ar");

    const one = await t.graph(
      "DELETE",
      `${t.account.wabaId}/message_templates?name=order_shipped&hsm_id=${arabic?.id}`,
    );
    expect(await one.json()).toEqual({ success: true });
    expect((await list()).filter((d) => d.name === "order_shipped").map((d) => d.language)).toEqual([
      "en_US",
    ]);

    expect((await t.graph("DELETE", `${t.account.wabaId}/message_templates?name=order_shipped`)).status).toBe(
      200,
    );
    expect((await list()).some((d) => d.name === "order_shipped")).toBe(false);
    expect(
      (await metaError(await t.graph("DELETE", `${t.account.wabaId}/message_templates?name=order_shipped`)))
        .code,
    ).toBe(100);
    expect((await metaError(await t.graph("DELETE", `${t.account.wabaId}/message_templates`))).code).toBe(
      100,
    );
  });
});

describe("phone numbers", () => {
  it("lists the WABA's numbers with the fields Meta returns", async () => {
    t = startTestSandbox();
    const json = (await (await t.graph("GET", `${t.account.wabaId}/phone_numbers`)).json()) as {
      data: Record<string, unknown>[];
    };

    expect(json.data).toEqual([
      {
        id: t.phoneId,
        verified_name: "Acme Shoes",
        code_verification_status: "VERIFIED",
        display_phone_number: "+1 555-000-0001",
        quality_rating: "GREEN",
        platform_type: "CLOUD_API",
        throughput: { level: "STANDARD" },
      },
    ]);
    const one = (await (
      await t.graph("GET", `${t.phoneId}?fields=display_phone_number,messaging_limit_tier`)
    ).json()) as Record<string, unknown>;
    expect(one).toEqual({
      display_phone_number: "+1 555-000-0001",
      messaging_limit_tier: "TIER_250",
      id: t.phoneId,
    });
    expect((await metaError(await t.graph("GET", `${t.phoneId}?fields=colour`))).code).toBe(100);
  });

  it("registers with a 6-digit PIN and refuses another PIN afterwards", async () => {
    t = startTestSandbox();
    const register = (body: unknown) => t.graph("POST", `${t.phoneId}/register`, body);

    expect((await metaError(await register({ messaging_product: "whatsapp", pin: "12345" }))).code).toBe(100);
    expect((await metaError(await register({ messaging_product: "whatsapp", pin: "12345a" }))).code).toBe(
      100,
    );
    expect((await metaError(await register({ pin: "123456" }))).code).toBe(100);
    expect(await (await register({ messaging_product: "whatsapp", pin: "123456" })).json()).toEqual({
      success: true,
    });
    expect((await register({ messaging_product: "whatsapp", pin: "123456" })).status).toBe(200);
    expect((await metaError(await register({ messaging_product: "whatsapp", pin: "654321" }))).code).toBe(
      133005,
    );
  });

  it("subscribes and lists the app on the WABA", async () => {
    t = startTestSandbox();
    expect(await (await t.graph("POST", `${t.account.wabaId}/subscribed_apps`)).json()).toEqual({
      success: true,
    });
    const listed = (await (await t.graph("GET", `${t.account.wabaId}/subscribed_apps`)).json()) as {
      data: { whatsapp_business_api_data: { id: string } }[];
    };

    expect(listed.data[0]?.whatsapp_business_api_data.id).toBe(TEST_APP.appId);
  });

  it("answers unknown paths with code 100", async () => {
    t = startTestSandbox();

    expect((await metaError(await t.graph("GET", `${t.phoneId}/widgets`))).code).toBe(100);
    expect((await metaError(await t.sandbox.fetch("https://graph.facebook.com/nope"))).code).toBe(100);
  });
});

describe("Embedded Signup", () => {
  const exchange = (query: Record<string, string>) =>
    t.sandbox.fetch(`https://graph.facebook.com/v25.0/oauth/access_token?${new URLSearchParams(query)}`);

  it("exchanges a code once for a token that reaches the WABA", async () => {
    t = startTestSandbox();
    const code = t.sandbox.issueSignupCode({ wabaId: t.account.wabaId, phoneNumberIds: [t.phoneId] });
    const query = { client_id: TEST_APP.appId, client_secret: TEST_APP.appSecret, code };

    const first = await exchange(query);
    const { access_token: token } = (await first.json()) as { access_token: string };
    const again = await metaError(await exchange(query));
    const numbers = await t.graph("GET", `${t.account.wabaId}/phone_numbers`, undefined, {
      authorization: `Bearer ${token}`,
    });

    expect(first.status).toBe(200);
    expect(token).toMatch(/^EAA/);
    expect(again).toMatchObject({ status: 400, code: 100, error_subcode: 36009 });
    expect(numbers.status).toBe(200);
  });

  it("refuses an expired code, a wrong client id or secret, and a made-up code", async () => {
    t = startTestSandbox({}, true);
    const code = t.sandbox.issueSignupCode({ wabaId: t.account.wabaId, phoneNumberIds: [t.phoneId] });

    expect(
      (await metaError(await exchange({ client_id: "other", client_secret: TEST_APP.appSecret, code }))).code,
    ).toBe(101);
    expect(
      (await metaError(await exchange({ client_id: TEST_APP.appId, client_secret: "wrong", code }))).code,
    ).toBe(1);
    expect(
      (
        await metaError(
          await exchange({ client_id: TEST_APP.appId, client_secret: TEST_APP.appSecret, code: "made-up" }),
        )
      ).code,
    ).toBe(100);
    t.clock.now += 30_001;
    const expired = await metaError(
      await exchange({ client_id: TEST_APP.appId, client_secret: TEST_APP.appSecret, code }),
    );
    expect(expired).toMatchObject({ status: 400, code: 100, error_subcode: 36007 });
  });

  it("describes a token through debug_token, with the WABA in the granular scopes", async () => {
    t = startTestSandbox();
    const debug = (input: string, appToken = `${TEST_APP.appId}|${TEST_APP.appSecret}`) =>
      t.sandbox.fetch(
        `https://graph.facebook.com/v25.0/debug_token?${new URLSearchParams({ input_token: input, access_token: appToken })}`,
      );

    const json = (await (await debug(t.account.accessToken)).json()) as { data: Record<string, unknown> };
    expect(json.data).toMatchObject({
      app_id: TEST_APP.appId,
      is_valid: true,
      expires_at: 0,
      scopes: expect.arrayContaining(["whatsapp_business_management", "whatsapp_business_messaging"]),
      granular_scopes: [
        { scope: "whatsapp_business_management", target_ids: [t.account.wabaId] },
        { scope: "whatsapp_business_messaging", target_ids: [t.account.wabaId] },
      ],
    });
    const invalid = (await (await debug("EAASnope")).json()) as { data: { is_valid: boolean } };
    expect(invalid.data.is_valid).toBe(false);
    expect((await metaError(await debug(t.account.accessToken, "wrong|secret"))).code).toBe(190);
    expect((await metaError(await debug(t.account.accessToken, t.account.accessToken))).code).toBe(190);
  });
});

describe("persistence", () => {
  it("keeps accounts, templates and sent messages across a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "raqi-sandbox-"));
    const persistFile = path.join(dir, "sandbox.json");
    try {
      t = startTestSandbox({ persistFile, statusDelaysMs: false });
      await t.graph("POST", `${t.account.wabaId}/message_templates`, newTemplate());
      await t.graph("POST", `${t.phoneId}/messages`, orderShipped());
      await t.sandbox.close();

      const reopened = createSandbox({
        ...TEST_APP,
        persistFile,
        statusDelaysMs: false,
        log: () => undefined,
      });
      const templates = await reopened.fetch(
        `https://graph.facebook.com/v25.0/${t.account.wabaId}/message_templates?name=order_delayed`,
        {
          headers: { authorization: `Bearer ${t.account.accessToken}` },
        },
      );
      const json = (await templates.json()) as { data: unknown[] };
      const sent = reopened.sent();
      await reopened.close();

      expect(templates.status).toBe(200);
      expect(json.data).toHaveLength(1);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.to).toBe("16505551234");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
