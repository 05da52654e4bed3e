import { afterEach, describe, expect, it } from "vitest";
import { orderShipped, startTestSandbox, validSignature, type TestSandbox } from "./testing";

let t: TestSandbox;
afterEach(async () => {
  await t.sandbox.close();
});

const send = (body: unknown) => t.graph("POST", `${t.phoneId}/messages`, body);

describe("status webhooks", () => {
  it("sends sent, delivered and read in order, signed with the app secret, with pricing and no conversation", async () => {
    t = startTestSandbox();
    const response = await send(orderShipped());
    const { messages } = (await response.json()) as { messages: { id: string }[] };
    await t.sandbox.idle();

    expect(t.webhooks).toHaveLength(3);
    for (const hook of t.webhooks) {
      expect(validSignature(hook.raw, hook.signature)).toBe(true);
      expect(validSignature(hook.raw, hook.signature, "another-secret")).toBe(false);
      expect(hook.body.object).toBe("whatsapp_business_account");
      expect(hook.body.entry[0]?.id).toBe(t.account.wabaId);
      expect(hook.body.entry[0]?.changes[0]?.value.metadata).toEqual({
        display_phone_number: "15550000001",
        phone_number_id: t.phoneId,
      });
    }
    const statuses = t.statuses();
    expect(statuses.map((s) => s.status)).toEqual(["sent", "delivered", "read"]);
    for (const status of statuses) {
      expect(status).toMatchObject({
        id: messages[0]?.id,
        recipient_id: "16505551234",
        timestamp: expect.stringMatching(/^\d{10}$/),
      });
      expect(status.conversation).toBeUndefined();
    }
    expect(statuses[0]?.pricing).toEqual({
      billable: true,
      pricing_model: "PMP",
      category: "utility",
      type: "regular",
    });
    expect(statuses[2]?.pricing).toBeUndefined();
    expect(t.sandbox.sent()[0]?.status).toBe("read");
  });

  it("stops at delivered when autoRead is off, and sends nothing when statuses are off", async () => {
    t = startTestSandbox({ autoRead: false });
    await send(orderShipped());
    await t.sandbox.idle();
    expect(t.statuses().map((s) => s.status)).toEqual(["sent", "delivered"]);
    await t.sandbox.close();

    t = startTestSandbox({ statusDelaysMs: false });
    await send(orderShipped());
    await t.sandbox.idle();
    expect(t.webhooks).toHaveLength(0);
    expect(t.sandbox.sent()[0]?.status).toBe("accepted");
  });

  it("retries a delivery the app does not answer 200, with backoff, and gives up after the last attempt", async () => {
    t = startTestSandbox({ statusDelaysMs: { sent: 1, delivered: 300, read: 400 }, autoRead: false });
    t.answerWith.push(500, 202);
    await send(orderShipped());
    await t.sandbox.idle();

    // The same signed body three times (500, then 202, then 200), and only then the next status.
    const bodies = t.webhooks.map((w) => w.raw);
    expect(bodies).toHaveLength(4);
    expect(new Set(bodies.slice(0, 3)).size).toBe(1);
    expect(t.statuses().map((s) => s.status)).toEqual(["sent", "sent", "sent", "delivered"]);
    t.answerWith.push(500, 500, 500, 500);
    await t.sandbox.simulateInbound({ phoneNumberId: t.phoneId, from: "16505551234", text: "hi" });
    await t.sandbox.idle();
    expect(t.fields("messages").filter((v) => Array.isArray(v.messages))).toHaveLength(3);
    expect(t.answerWith).toEqual([500]);
  });

  it("sends nothing for a WABA the app is not subscribed to, until it subscribes", async () => {
    t = startTestSandbox();
    const quiet = t.sandbox.provisionAccount({ businessName: "Quiet", subscribed: false });
    const phone = quiet.phoneNumbers[0]?.id ?? "";
    await t.sandbox.simulateInbound({ phoneNumberId: phone, from: "16505551234", text: "anyone?" });
    expect(t.webhooks).toHaveLength(0);

    const subscribed = await t.graph("POST", `${quiet.wabaId}/subscribed_apps`, undefined, {
      authorization: `Bearer ${quiet.accessToken}`,
    });
    await t.sandbox.simulateInbound({ phoneNumberId: phone, from: "16505551234", text: "hello?" });

    expect(subscribed.status).toBe(200);
    expect(t.webhooks).toHaveLength(1);
  });
});

describe("inbound messages", () => {
  it("sends a text message in Meta's shape", async () => {
    t = startTestSandbox();
    const { wamid } = await t.sandbox.simulateInbound({
      phoneNumberId: t.phoneId,
      from: "16505551234",
      profileName: "Sheena",
      text: "hi",
    });

    expect(validSignature(t.webhooks[0]?.raw ?? "", t.webhooks[0]?.signature ?? null)).toBe(true);
    expect(t.fields("messages")[0]).toEqual({
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "15550000001", phone_number_id: t.phoneId },
      contacts: [{ profile: { name: "Sheena" }, wa_id: "16505551234" }],
      messages: [
        {
          from: "16505551234",
          id: wamid,
          timestamp: expect.stringMatching(/^\d{10}$/),
          type: "text",
          text: { body: "hi" },
        },
      ],
    });
  });

  it("sends a quick-reply tap with the context of the last message sent to the user", async () => {
    t = startTestSandbox();
    const sent = (await (await send(orderShipped())).json()) as { messages: { id: string }[] };
    await t.sandbox.idle();
    await t.sandbox.simulateInbound({
      phoneNumberId: t.phoneId,
      from: "16505551234",
      button: { text: "Track order", payload: "run:42:track" },
    });

    const [value] = t.fields("messages").filter((v) => Array.isArray(v.messages));
    expect((value?.messages as unknown[])[0]).toMatchObject({
      context: { from: "15550000001", id: sent.messages[0]?.id },
      type: "button",
      button: { payload: "run:42:track", text: "Track order" },
    });
  });

  it("sends interactive button and list replies", async () => {
    t = startTestSandbox();
    await t.sandbox.simulateInbound({
      phoneNumberId: t.phoneId,
      from: "16505551234",
      interactive: { type: "button_reply", id: "yes", title: "Yes", contextId: "wamid.X" },
    });
    await t.sandbox.simulateInbound({
      phoneNumberId: t.phoneId,
      from: "16505551234",
      interactive: { type: "list_reply", id: "r1", title: "Row", description: "First" },
    });

    const messages = t.fields("messages").map((v) => (v.messages as Record<string, unknown>[])[0]);
    expect(messages[0]).toMatchObject({
      context: { id: "wamid.X" },
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes" } },
    });
    expect(messages[1]).toMatchObject({
      type: "interactive",
      interactive: { type: "list_reply", list_reply: { id: "r1", title: "Row", description: "First" } },
    });
    expect(messages[1]?.context).toBeUndefined();
  });
});

describe("other webhooks", () => {
  it("sends user_preferences in Meta's shape", async () => {
    t = startTestSandbox();
    await t.sandbox.simulateUserPreference({
      wabaId: t.account.wabaId,
      phoneNumberId: t.phoneId,
      waId: "16505551234",
      value: "stop",
    });

    const [value] = t.fields("user_preferences");
    expect(value?.user_preferences).toEqual([
      {
        wa_id: "16505551234",
        detail: expect.any(String),
        category: "marketing_messages",
        value: "stop",
        timestamp: expect.any(Number),
      },
    ]);
  });

  it("sends message_template_status_update when a template's status changes", async () => {
    t = startTestSandbox();
    await t.sandbox.setTemplateStatus({
      wabaId: t.account.wabaId,
      name: "order_shipped",
      language: "ar",
      status: "PAUSED",
      reason: "LOW_QUALITY",
    });

    const [value] = t.fields("message_template_status_update");
    expect(value).toEqual({
      event: "PAUSED",
      message_template_id: expect.any(Number),
      message_template_name: "order_shipped",
      message_template_language: "ar",
      reason: "LOW_QUALITY",
      message_template_category: "UTILITY",
    });
    expect(validSignature(t.webhooks[0]?.raw ?? "", t.webhooks[0]?.signature ?? null)).toBe(true);
  });
});
