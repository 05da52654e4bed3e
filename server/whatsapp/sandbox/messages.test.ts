import { afterEach, describe, expect, it } from "vitest";
import { metaError, orderShipped, startTestSandbox, textMessage, type TestSandbox } from "./testing";

let t: TestSandbox;
afterEach(async () => {
  await t.sandbox.close();
});

const send = (body: unknown, headers?: Record<string, string>) =>
  t.graph("POST", `${t.phoneId}/messages`, body, headers);

/** Opens the 24-hour window for +16505551234 with an inbound message. */
async function openWindow(from = "16505551234") {
  await t.sandbox.simulateInbound({ phoneNumberId: t.phoneId, from, text: "hi" });
}

describe("authentication and access", () => {
  it("answers 401 code 190 when the token is missing, malformed or unknown", async () => {
    t = startTestSandbox();
    const url = `https://graph.facebook.com/v25.0/${t.phoneId}/messages`;
    const init = { method: "POST", body: JSON.stringify(orderShipped()) };
    const variants: Record<string, string>[] = [
      {},
      { authorization: "Basic abc" },
      { authorization: "Bearer EAASnotarealtoken" },
    ];
    for (const headers of variants) {
      const error = await metaError(await t.sandbox.fetch(url, { ...init, headers }));
      expect(error).toMatchObject({ status: 401, code: 190, type: "OAuthException" });
      expect(error.message).toMatch(/^\(#190\) /);
      expect(error.fbtrace_id).toBeTruthy();
    }
    expect(t.sandbox.sent()).toHaveLength(0);
  });

  it("answers 403 when the token belongs to another account than the phone number or WABA", async () => {
    t = startTestSandbox();
    const other = t.sandbox.provisionAccount({ businessName: "Other" });
    const foreign = { authorization: `Bearer ${other.accessToken}` };

    const phone = await metaError(await send(orderShipped(), foreign));
    const waba = await metaError(
      await t.graph("GET", `${t.account.wabaId}/message_templates`, undefined, foreign),
    );
    const unknown = await metaError(await t.graph("GET", "123456789012345/phone_numbers"));

    expect(phone).toMatchObject({ status: 403, code: 10 });
    expect(waba).toMatchObject({ status: 403, code: 200 });
    expect(unknown).toMatchObject({ status: 403, code: 200 });
    expect(phone.details).toContain(t.phoneId);
  });
});

describe("a valid template send", () => {
  it("answers exactly Meta's accepted shape and records the message", async () => {
    t = startTestSandbox();
    const response = await send(orderShipped("+1 (650) 555-1234"));

    expect(response.status).toBe(200);
    const json = (await response.json()) as { messages: { id: string }[] };
    expect(Object.keys(json)).toEqual(["messaging_product", "contacts", "messages"]);
    expect(json).toEqual({
      messaging_product: "whatsapp",
      contacts: [{ input: "+1 (650) 555-1234", wa_id: "16505551234" }],
      messages: [{ id: expect.stringMatching(/^wamid\./), message_status: "accepted" }],
    });
    const [sent] = t.sandbox.sent({ to: "+16505551234" });
    expect(sent).toMatchObject({
      wamid: json.messages[0]?.id,
      phoneNumberId: t.phoneId,
      to: "16505551234",
      status: "accepted",
    });
  });

  it("accepts named parameters and a media header for a named template", async () => {
    t = startTestSandbox();
    const response = await send({
      messaging_product: "whatsapp",
      to: "+16505551234",
      type: "template",
      template: {
        name: "weekly_offer",
        language: { code: "en_US" },
        components: [
          { type: "header", parameters: [{ type: "image", image: { link: "https://example.com/a.jpg" } }] },
          {
            type: "body",
            parameters: [
              { type: "text", parameter_name: "offer", text: "20% off" },
              { type: "text", parameter_name: "first_name", text: "Jessica" },
            ],
          },
        ],
      },
    });

    expect(response.status).toBe(200);
  });
});

describe("body rules", () => {
  const cases: [string, (body: Record<string, unknown>) => unknown, RegExp][] = [
    ["messaging_product missing", ({ messaging_product: _, ...rest }) => rest, /messaging_product/],
    ["messaging_product not whatsapp", (b) => ({ ...b, messaging_product: "sms" }), /messaging_product/],
    ["to missing", ({ to: _, ...rest }) => rest, /\bto\b/],
    ["to not a phone number", (b) => ({ ...b, to: "hello" }), /\bto\b/],
    ["to too short", (b) => ({ ...b, to: "+1234" }), /\bto\b/],
    ["unknown type", (b) => ({ ...b, type: "carousel" }), /\btype\b/],
    ["type object missing", (b) => ({ ...b, type: "text" }), /\btext\b/],
    ["recipient_type not individual", (b) => ({ ...b, recipient_type: "group" }), /recipient_type/],
    [
      "template name missing",
      (b) => ({ ...b, template: { language: { code: "en_US" } } }),
      /template\['name'\]/,
    ],
    [
      "template language missing",
      (b) => ({ ...b, template: { name: "order_shipped" } }),
      /template\['language'\]/,
    ],
  ];
  it.each(cases)("rejects %s with 400 code 100 naming the parameter", async (_, change, param) => {
    t = startTestSandbox();
    const error = await metaError(await send(change(orderShipped())));

    expect(error).toMatchObject({ status: 400, code: 100 });
    expect(error.message).toMatch(param);
    expect(error.details).toMatch(param);
  });

  it("rejects a text body that is empty or longer than 4096 characters, and accepts 4096", async () => {
    t = startTestSandbox();
    await openWindow();

    expect(await metaError(await send(textMessage("")))).toMatchObject({ status: 400, code: 100 });
    const long = await metaError(await send(textMessage("a".repeat(4097))));
    expect(long).toMatchObject({ status: 400, code: 100 });
    expect(long.details).toContain("4096");
    expect((await send(textMessage("ش".repeat(4096)))).status).toBe(200);
  });

  it("rejects a body that is not JSON", async () => {
    t = startTestSandbox();
    const response = await t.sandbox.fetch(`https://graph.facebook.com/v25.0/${t.phoneId}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.account.accessToken}`, "content-type": "application/json" },
      body: "{not json",
    });

    expect(await metaError(response)).toMatchObject({ status: 400, code: 100 });
  });
});

describe("interactive limits", () => {
  const buttons = (n: number, title = (i: number) => `Option ${i}`, id = (i: number) => `b${i}`) =>
    Array.from({ length: n }, (_, i) => ({ type: "reply", reply: { id: id(i), title: title(i) } }));
  const buttonMessage = (over: Record<string, unknown> = {}, list = buttons(3)) => ({
    messaging_product: "whatsapp",
    to: "16505551234",
    type: "interactive",
    interactive: { type: "button", body: { text: "Pick one" }, action: { buttons: list }, ...over },
  });
  const rows = (
    n: number,
    row: (i: number) => Record<string, unknown> = (i) => ({ id: `r${i}`, title: `Row ${i}` }),
  ) => Array.from({ length: n }, (_, i) => row(i));
  const listMessage = (sections: unknown[], button = "Choose") => ({
    messaging_product: "whatsapp",
    to: "16505551234",
    type: "interactive",
    interactive: { type: "list", body: { text: "Pick" }, action: { button, sections } },
  });

  it("accepts three buttons and a ten-row list", async () => {
    t = startTestSandbox();
    await openWindow();

    expect((await send(buttonMessage())).status).toBe(200);
    expect(
      (
        await send(
          listMessage([
            { title: "A", rows: rows(5) },
            { title: "B", rows: rows(5, (i) => ({ id: `s${i}`, title: "x", description: "d".repeat(72) })) },
          ]),
        )
      ).status,
    ).toBe(200);
  });

  const rejected: [string, () => unknown, RegExp][] = [
    ["four buttons", () => buttonMessage({}, buttons(4)), /Buttons count/],
    [
      "a button title over 20 characters",
      () =>
        buttonMessage(
          {},
          buttons(
            2,
            () => "x".repeat(21),
            (i) => `b${i}`,
          ),
        ),
      /title length/,
    ],
    [
      "a button id over 256 characters",
      () =>
        buttonMessage(
          {},
          buttons(
            1,
            () => "ok",
            () => "i".repeat(257),
          ),
        ),
      /id length/,
    ],
    [
      "duplicate button ids",
      () =>
        buttonMessage(
          {},
          buttons(
            2,
            (i) => `T${i}`,
            () => "same",
          ),
        ),
      /unique ids/,
    ],
    [
      "a body over 1024 characters",
      () => buttonMessage({ body: { text: "b".repeat(1025) } }),
      /Body text length/,
    ],
    [
      "a footer over 60 characters",
      () => buttonMessage({ footer: { text: "f".repeat(61) } }),
      /Footer text length/,
    ],
    [
      "eleven list rows",
      () =>
        listMessage([
          { title: "A", rows: rows(6) },
          { title: "B", rows: rows(5, (i) => ({ id: `s${i}`, title: "x" })) },
        ]),
      /row count/,
    ],
    [
      "eleven sections",
      () => listMessage(rows(11, (i) => ({ title: `S${i}`, rows: [{ id: `r${i}`, title: "x" }] }))),
      /sections/,
    ],
    [
      "a row title over 24 characters",
      () => listMessage([{ rows: [{ id: "r", title: "t".repeat(25) }] }]),
      /Row title/,
    ],
    [
      "a row id over 200 characters",
      () => listMessage([{ rows: [{ id: "i".repeat(201), title: "t" }] }]),
      /Row id/,
    ],
    [
      "a row description over 72 characters",
      () => listMessage([{ rows: [{ id: "r", title: "t", description: "d".repeat(73) }] }]),
      /description/,
    ],
    [
      "a list button over 20 characters",
      () => listMessage([{ rows: rows(1) }], "b".repeat(21)),
      /Button text/,
    ],
  ];
  it.each(rejected)("rejects %s with 131009", async (_, build, details) => {
    t = startTestSandbox();
    await openWindow();
    const error = await metaError(await send(build()));

    expect(error).toMatchObject({ status: 400, code: 131009 });
    expect(error.details).toMatch(details);
  });

  it("rejects an interactive type it does not know with code 100", async () => {
    t = startTestSandbox();
    const error = await metaError(await send(buttonMessage({ type: "carousel" })));

    expect(error).toMatchObject({ status: 400, code: 100 });
    expect(error.details).toContain("interactive['type']");
  });
});

describe("template rules", () => {
  const withTemplate = (template: Record<string, unknown>) => ({ ...orderShipped(), template });
  const bodyParams = (...texts: string[]) => [
    { type: "body", parameters: texts.map((text) => ({ type: "text", text })) },
  ];

  it("answers 132001 for a template unknown in the WABA or in that language", async () => {
    t = startTestSandbox();
    const unknown = await metaError(await send(withTemplate({ name: "nope", language: { code: "en_US" } })));
    const wrongLanguage = await metaError(
      await send(
        withTemplate({
          name: "appointment_reminder",
          language: { code: "ar" },
          components: bodyParams("a", "b"),
        }),
      ),
    );

    expect(unknown).toMatchObject({ status: 404, code: 132001 });
    expect(unknown.details).toBe("template name (nope) does not exist in en_US");
    expect(wrongLanguage).toMatchObject({ code: 132001 });
  });

  it("answers 132001 for a template that is pending or rejected, 132015 paused, 132016 disabled", async () => {
    t = startTestSandbox();
    const pending = await metaError(
      await send(
        withTemplate({ name: "spring_sale", language: { code: "en_US" }, components: bodyParams("30%") }),
      ),
    );
    const paused = await metaError(
      await send(
        withTemplate({ name: "old_promo", language: { code: "en_US" }, components: bodyParams("Jo") }),
      ),
    );
    await t.sandbox.setTemplateStatus({
      wabaId: t.account.wabaId,
      name: "order_shipped",
      language: "en_US",
      status: "DISABLED",
    });
    const disabled = await metaError(await send(orderShipped()));
    await t.sandbox.setTemplateStatus({
      wabaId: t.account.wabaId,
      name: "order_shipped",
      language: "en_US",
      status: "REJECTED",
    });
    const rejected = await metaError(await send(orderShipped()));

    expect(pending.code).toBe(132001);
    expect(paused).toMatchObject({ status: 400, code: 132015 });
    expect(disabled).toMatchObject({ status: 400, code: 132016 });
    expect(rejected.code).toBe(132001);
  });

  it("answers 132000 when the number of body or header parameters is wrong", async () => {
    t = startTestSandbox();
    const template = { name: "order_shipped", language: { code: "en_US" } };
    const tooFew = await metaError(
      await send(withTemplate({ ...template, components: bodyParams("Jessica") })),
    );
    const tooMany = await metaError(
      await send(withTemplate({ ...template, components: bodyParams("a", "b", "c") })),
    );
    const none = await metaError(await send(withTemplate(template)));
    const header = await metaError(
      await send(
        withTemplate({
          ...template,
          components: [
            { type: "header", parameters: [{ type: "text", text: "x" }] },
            ...bodyParams("a", "b"),
          ],
        }),
      ),
    );
    const missingMedia = await metaError(
      await send(
        withTemplate({
          name: "weekly_offer",
          language: { code: "en_US" },
          components: [{ type: "body", parameters: [] }],
        }),
      ),
    );

    expect(tooFew).toMatchObject({ status: 400, code: 132000 });
    expect(tooFew.details).toBe(
      "body: number of localizable_params (1) does not match the expected number of params (2)",
    );
    expect(tooMany.code).toBe(132000);
    expect(none.code).toBe(132000);
    expect(header.code).toBe(132000);
    expect(header.details).toMatch(/^header:/);
    expect(missingMedia.code).toBe(132000);
  });

  it("answers 132000 when named and positional parameters are mixed up", async () => {
    t = startTestSandbox();
    const namedOnPositional = await metaError(
      await send(
        withTemplate({
          name: "order_shipped",
          language: { code: "en_US" },
          components: [
            {
              type: "body",
              parameters: [
                { type: "text", text: "a", parameter_name: "1" },
                { type: "text", text: "b", parameter_name: "2" },
              ],
            },
          ],
        }),
      ),
    );
    const header = {
      type: "header",
      parameters: [{ type: "image", image: { link: "https://example.com/a.jpg" } }],
    };
    const positionalOnNamed = await metaError(
      await send(
        withTemplate({
          name: "weekly_offer",
          language: { code: "en_US" },
          components: [header, ...bodyParams("a", "b")],
        }),
      ),
    );
    const wrongName = await metaError(
      await send(
        withTemplate({
          name: "weekly_offer",
          language: { code: "en_US" },
          components: [
            header,
            {
              type: "body",
              parameters: [
                { type: "text", text: "a", parameter_name: "first_name" },
                { type: "text", text: "b", parameter_name: "discount" },
              ],
            },
          ],
        }),
      ),
    );

    expect(namedOnPositional.code).toBe(132000);
    expect(positionalOnNamed.code).toBe(132000);
    expect(wrongName.code).toBe(132000);
    expect(wrongName.details).toContain("discount");
  });

  it("rejects a media header of the wrong type (132012) and a parameter with a line break (132018)", async () => {
    t = startTestSandbox();
    const body = {
      type: "body",
      parameters: [
        { type: "text", parameter_name: "first_name", text: "a" },
        { type: "text", parameter_name: "offer", text: "b" },
      ],
    };
    const video = await metaError(
      await send(
        withTemplate({
          name: "weekly_offer",
          language: { code: "en_US" },
          components: [
            { type: "header", parameters: [{ type: "video", video: { link: "https://example.com/v.mp4" } }] },
            body,
          ],
        }),
      ),
    );
    const newline = await metaError(
      await send(
        withTemplate({
          name: "order_shipped",
          language: { code: "en_US" },
          components: bodyParams("Jess\nica", "#1"),
        }),
      ),
    );

    expect(video.code).toBe(132012);
    expect(newline.code).toBe(132018);
  });

  it("rejects a quick-reply payload on a button index the template does not have", async () => {
    t = startTestSandbox();
    const error = await metaError(
      await send(
        withTemplate({
          name: "order_shipped",
          language: { code: "en_US" },
          components: [
            ...bodyParams("a", "b"),
            {
              type: "button",
              sub_type: "quick_reply",
              index: "5",
              parameters: [{ type: "payload", payload: "x" }],
            },
          ],
        }),
      ),
    );

    expect(error.code).toBe(131009);
  });
});

describe("mark read", () => {
  it("accepts a received message id and rejects an unknown one with code 100", async () => {
    t = startTestSandbox();
    const { wamid } = await t.sandbox.simulateInbound({
      phoneNumberId: t.phoneId,
      from: "16505551234",
      text: "hi",
    });
    const read = await send({ messaging_product: "whatsapp", status: "read", message_id: wamid });
    const unknown = await metaError(
      await send({ messaging_product: "whatsapp", status: "read", message_id: "wamid.unknown" }),
    );

    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ success: true });
    expect(unknown).toMatchObject({ status: 400, code: 100 });
    expect(unknown.details).toContain("message_id");
  });
});

describe("the customer-service window and marketing opt-outs", () => {
  it("accepts free-form text outside the window, then fails it with 131047", async () => {
    t = startTestSandbox();
    const response = await send(textMessage("hello"));
    await t.sandbox.idle();

    expect(response.status).toBe(200);
    expect(t.statuses().map((s) => s.status)).toEqual(["failed"]);
    expect(t.statuses()[0]?.errors?.[0]?.code).toBe(131047);
  });

  it("delivers free-form text inside the window, and closes the window after 24 hours", async () => {
    t = startTestSandbox({}, true);
    await openWindow();
    await send(textMessage("inside"));
    t.clock.now += 24 * 60 * 60 * 1000 + 1;
    await send(textMessage("outside"));
    await t.sandbox.idle();

    const [inside, outside] = t.sandbox.sent();
    expect(inside?.status).toBe("read");
    expect(outside?.status).toBe("failed");
  });

  it("fails marketing templates with 131050 after the user stops marketing, and delivers again after resume", async () => {
    t = startTestSandbox();
    const offer = {
      messaging_product: "whatsapp",
      to: "+16505551234",
      type: "template",
      template: {
        name: "weekly_offer",
        language: { code: "en_US" },
        components: [
          { type: "header", parameters: [{ type: "image", image: { link: "https://example.com/a.jpg" } }] },
          {
            type: "body",
            parameters: [
              { type: "text", parameter_name: "first_name", text: "Jo" },
              { type: "text", parameter_name: "offer", text: "20%" },
            ],
          },
        ],
      },
    };
    const user = { wabaId: t.account.wabaId, phoneNumberId: t.phoneId, waId: "16505551234" };
    await t.sandbox.simulateUserPreference({ ...user, value: "stop" });
    await send(offer);
    await send(orderShipped());
    await t.sandbox.idle();
    await t.sandbox.simulateUserPreference({ ...user, value: "resume" });
    await send(offer);
    await t.sandbox.idle();

    expect(t.sandbox.sent().map((m) => m.status)).toEqual(["failed", "read", "read"]);
    expect(t.sandbox.sent()[0]?.errors?.[0]?.code).toBe(131050);
  });
});
