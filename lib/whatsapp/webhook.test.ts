import { describe, expect, it } from "vitest";
import { extractUpdates, parseWebhookPayload, type WebhookPayload, type WebhookUpdate } from "./webhook";

const WABA = "102290129340398";
const METADATA = { display_phone_number: "15550783881", phone_number_id: "106540352242922" };

function delivery(field: string, value: unknown): unknown {
  return { object: "whatsapp_business_account", entry: [{ id: WABA, changes: [{ field, value }] }] };
}
function messagesDelivery(value: Record<string, unknown>): unknown {
  return delivery("messages", { messaging_product: "whatsapp", metadata: METADATA, ...value });
}

function parse(json: unknown): WebhookPayload {
  const result = parseWebhookPayload(json);
  if (!result.ok) throw new Error(result.error);
  return result.payload;
}
function updatesOf(json: unknown): WebhookUpdate[] {
  return extractUpdates(parse(json));
}
function errorOf(json: unknown): string {
  const result = parseWebhookPayload(json);
  if (result.ok) throw new Error("expected the delivery to be rejected");
  return result.error;
}

const message = (fields: Record<string, unknown>) => ({
  from: "16505551234",
  id: "wamid.ABC",
  timestamp: "1749416383",
  ...fields,
});
const inbound = (fields: Record<string, unknown>) =>
  messagesDelivery({
    contacts: [{ profile: { name: "Sheena" }, wa_id: "16505551234" }],
    messages: [message(fields)],
  });
function onlyMessage(json: unknown) {
  const [update] = updatesOf(json);
  if (update?.kind !== "message") throw new Error(`expected a message update, got ${update?.kind}`);
  return update;
}

describe("inbound messages", () => {
  it("reads the documented text message", () => {
    const json = messagesDelivery({
      contacts: [{ profile: { name: "Sheena" }, wa_id: "16505551234" }],
      messages: [
        { from: "16505551234", id: "wamid.ABC", timestamp: "1749416383", type: "text", text: { body: "hi" } },
      ],
    });
    expect(updatesOf(json)).toEqual([
      {
        kind: "message",
        wabaId: WABA,
        phoneNumberId: "106540352242922",
        displayPhoneNumber: "15550783881",
        profileName: "Sheena",
        message: {
          id: "wamid.ABC",
          from: "16505551234",
          timestamp: new Date(1749416383 * 1000),
          type: "text",
          text: "hi",
          raw: {
            from: "16505551234",
            id: "wamid.ABC",
            timestamp: "1749416383",
            type: "text",
            text: { body: "hi" },
          },
        },
      },
    ]);
  });

  it("reads a template quick-reply tap: its text, payload and our wamid it answers", () => {
    const update = onlyMessage(
      inbound({
        type: "button",
        button: { payload: "run:42:yes", text: "Yes" },
        context: { from: "15550783881", id: "wamid.OURS" },
      }),
    );
    expect(update.message).toMatchObject({
      type: "button",
      text: "Yes",
      replyId: "run:42:yes",
      contextId: "wamid.OURS",
    });
  });

  it("reads an interactive button reply", () => {
    const update = onlyMessage(
      inbound({
        type: "interactive",
        interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes please" } },
        context: { id: "wamid.OURS" },
      }),
    );
    expect(update.message).toMatchObject({
      type: "interactive",
      text: "Yes please",
      replyId: "yes",
      contextId: "wamid.OURS",
    });
  });

  it("reads an interactive list reply", () => {
    const update = onlyMessage(
      inbound({
        type: "interactive",
        interactive: {
          type: "list_reply",
          list_reply: { id: "m", title: "Medium", description: "Fits most" },
        },
      }),
    );
    expect(update.message).toMatchObject({ text: "Medium", replyId: "m" });
  });

  it("keeps an interactive reply of another kind without text", () => {
    const update = onlyMessage(
      inbound({
        type: "interactive",
        interactive: { type: "nfm_reply", nfm_reply: { response_json: "{}" } },
      }),
    );
    expect(update.message.text).toBeUndefined();
    expect(update.message.replyId).toBeUndefined();
  });

  it.each([
    ["image", { image: { id: "m1", mime_type: "image/jpeg", sha256: "x", caption: "look" } }],
    ["document", { document: { id: "m2", filename: "a.pdf", mime_type: "application/pdf" } }],
    ["audio", { audio: { id: "m3", mime_type: "audio/ogg", voice: true } }],
    ["video", { video: { id: "m4", mime_type: "video/mp4" } }],
    ["sticker", { sticker: { id: "m5", mime_type: "image/webp", animated: false } }],
    ["location", { location: { latitude: 24.7, longitude: 46.7, name: "Riyadh" } }],
    ["reaction", { reaction: { message_id: "wamid.OURS", emoji: "👍" } }],
    [
      "unsupported",
      {
        errors: [
          {
            code: 131051,
            title: "Message type unknown",
            error_data: { details: "Message type is not supported" },
          },
        ],
      },
    ],
    ["order", { order: { catalog_id: "1", product_items: [] } }],
    ["a type WhatsApp adds tomorrow", { hologram: { depth: 3 } }],
  ])("keeps a %s message as it is", (type, fields) => {
    const raw = message({ type: type.startsWith("a type") ? "hologram" : type, ...fields });
    const update = onlyMessage(messagesDelivery({ contacts: [{ wa_id: "16505551234" }], messages: [raw] }));
    expect(update.message.raw).toEqual(raw);
    expect(update.message.text).toBeUndefined();
    expect(update.profileName).toBeUndefined();
  });

  it("matches each message to its sender's profile", () => {
    const updates = updatesOf(
      messagesDelivery({
        contacts: [
          { profile: { name: "Ana" }, wa_id: "111111111" },
          { profile: { name: "Bo" }, wa_id: "222222222" },
        ],
        messages: [
          message({ from: "222222222", id: "wamid.2", type: "text", text: { body: "b" } }),
          message({ from: "111111111", id: "wamid.1", type: "text", text: { body: "a" } }),
        ],
      }),
    );
    expect(updates.map((u) => (u.kind === "message" ? [u.message.id, u.profileName] : []))).toEqual([
      ["wamid.2", "Bo"],
      ["wamid.1", "Ana"],
    ]);
  });

  it("keeps fields it does not know, at every level", () => {
    const payload = parse({
      object: "whatsapp_business_account",
      future: 1,
      entry: [
        {
          id: WABA,
          time: 5,
          changes: [
            {
              field: "messages",
              value: {
                metadata: { ...METADATA, extra: "m" },
                messages: [message({ type: "text", text: { body: "x" }, new: true })],
              },
            },
          ],
        },
      ],
    });
    expect(payload.future).toBe(1);
    expect(payload.entry[0]?.time).toBe(5);
    const [update] = extractUpdates(payload);
    expect(update?.kind === "message" && update.message.raw).toMatchObject({ new: true });
  });
});

describe("statuses", () => {
  const status = (fields: Record<string, unknown>) => ({
    id: "wamid.OURS",
    status: "delivered",
    timestamp: "1749416400",
    recipient_id: "16505551234",
    ...fields,
  });

  it.each(["sent", "delivered", "read", "failed", "played"])("reads a %s status", (value) => {
    const raw = status({
      status: value,
      pricing: { billable: true, pricing_model: "PMP", category: "utility" },
    });
    expect(updatesOf(messagesDelivery({ statuses: [raw] }))).toEqual([
      {
        kind: "status",
        wabaId: WABA,
        phoneNumberId: "106540352242922",
        status: {
          id: "wamid.OURS",
          status: value,
          timestamp: new Date(1749416400 * 1000),
          recipientId: "16505551234",
          errors: [],
          raw,
        },
      },
    ]);
  });

  it("reads a failed status's errors, details included", () => {
    const [update] = updatesOf(
      messagesDelivery({
        statuses: [
          status({
            status: "failed",
            errors: [
              {
                code: 131047,
                title: "Re-engagement message",
                message: "Re-engagement message",
                error_data: { details: "Message failed to send because more than 24 hours have passed" },
                href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
              },
            ],
          }),
        ],
      }),
    );
    expect(update?.kind === "status" && update.status.errors).toEqual([
      {
        code: 131047,
        title: "Re-engagement message",
        message: "Re-engagement message",
        details: "Message failed to send because more than 24 hours have passed",
        href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
      },
    ]);
  });

  it("accepts a pre-v24 status that still carries a conversation", () => {
    const raw = status({ conversation: { id: "c1", origin: { type: "utility" } } });
    expect(updatesOf(messagesDelivery({ statuses: [raw] }))[0]?.kind).toBe("status");
  });

  it("reports a status value it does not know as unknown instead of dropping the delivery", () => {
    const raw = status({ status: "deleted" });
    expect(updatesOf(messagesDelivery({ statuses: [raw] }))).toEqual([
      { kind: "unknown", wabaId: WABA, field: "messages", value: raw },
    ]);
  });

  it("keeps messages, statuses and errors of one change in that order", () => {
    const updates = updatesOf(
      messagesDelivery({
        errors: [{ code: 131000, title: "Something went wrong" }],
        statuses: [status({})],
        messages: [message({ type: "text", text: { body: "x" } })],
      }),
    );
    expect(updates.map((u) => u.kind)).toEqual(["message", "status", "error"]);
  });
});

describe("errors of a change", () => {
  it("reads value.errors as error updates", () => {
    expect(
      updatesOf(
        messagesDelivery({
          errors: [{ code: 130429, title: "Rate limit hit", error_data: { details: "Slow down" } }],
        }),
      ),
    ).toEqual([
      {
        kind: "error",
        wabaId: WABA,
        phoneNumberId: "106540352242922",
        error: { code: 130429, title: "Rate limit hit", details: "Slow down" },
      },
    ]);
  });
});

describe("template status updates", () => {
  it("reads an approval, dropping Meta's NONE reason", () => {
    const json = delivery("message_template_status_update", {
      event: "APPROVED",
      message_template_id: 594425479261596,
      message_template_name: "order_update",
      message_template_language: "en_US",
      reason: "NONE",
      message_template_category: "UTILITY",
    });
    expect(updatesOf(json)).toEqual([
      {
        kind: "template_status",
        wabaId: WABA,
        event: "APPROVED",
        templateId: "594425479261596",
        name: "order_update",
        language: "en_US",
        category: "UTILITY",
      },
    ]);
  });

  it("reads a rejection with its reason, and a string id", () => {
    const [update] = updatesOf(
      delivery("message_template_status_update", {
        event: "REJECTED",
        message_template_id: "77",
        message_template_name: "promo",
        message_template_language: "ar",
        reason: "INCORRECT_CATEGORY",
      }),
    );
    expect(update).toEqual({
      kind: "template_status",
      wabaId: WABA,
      event: "REJECTED",
      templateId: "77",
      name: "promo",
      language: "ar",
      reason: "INCORRECT_CATEGORY",
    });
  });

  it("reads a null reason as none", () => {
    const [update] = updatesOf(
      delivery("message_template_status_update", {
        event: "PAUSED",
        message_template_id: 1,
        message_template_name: "promo",
        message_template_language: "en",
        reason: null,
      }),
    );
    expect(update).not.toHaveProperty("reason");
  });
});

describe("marketing preferences", () => {
  it("reads stop and resume", () => {
    const json = delivery("user_preferences", {
      messaging_product: "whatsapp",
      metadata: METADATA,
      user_preferences: [
        {
          wa_id: "16505551234",
          detail: "User requested to stop marketing messages",
          category: "marketing_messages",
          value: "stop",
          timestamp: "1731705721",
        },
        { wa_id: "16505551234", category: "marketing_messages", value: "resume", timestamp: 1731705800 },
      ],
    });
    expect(updatesOf(json)).toEqual([
      {
        kind: "user_preference",
        wabaId: WABA,
        phoneNumberId: "106540352242922",
        waId: "16505551234",
        category: "marketing_messages",
        value: "stop",
        timestamp: new Date(1731705721 * 1000),
        detail: "User requested to stop marketing messages",
      },
      {
        kind: "user_preference",
        wabaId: WABA,
        phoneNumberId: "106540352242922",
        waId: "16505551234",
        category: "marketing_messages",
        value: "resume",
        timestamp: new Date(1731705800 * 1000),
      },
    ]);
  });

  it("reads a preference without metadata, and reports an unknown value as unknown", () => {
    const other = { wa_id: "1", category: "marketing_messages", value: "snooze", timestamp: "1" };
    const updates = updatesOf(
      delivery("user_preferences", {
        user_preferences: [
          { wa_id: "1", category: "marketing_messages", value: "stop", timestamp: "1" },
          other,
        ],
      }),
    );
    expect(updates[0]).not.toHaveProperty("phoneNumberId");
    expect(updates[1]).toEqual({ kind: "unknown", wabaId: WABA, field: "user_preferences", value: other });
  });
});

describe("other fields", () => {
  it("passes a field it does not parse through as unknown", () => {
    const value = { phone_number: "15550783881", event: "FLAGGED", current_limit: "TIER_1K" };
    expect(updatesOf(delivery("phone_number_quality_update", value))).toEqual([
      { kind: "unknown", wabaId: WABA, field: "phone_number_quality_update", value },
    ]);
  });

  it("yields updates from every entry and change, in order", () => {
    const json = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "A",
          changes: [
            {
              field: "messages",
              value: { metadata: METADATA, messages: [message({ type: "text", text: { body: "1" } })] },
            },
            { field: "account_update", value: { event: "X" } },
          ],
        },
        { id: "B", changes: [{ field: "messages", value: { metadata: METADATA, statuses: [] } }] },
        { id: "C", changes: [] },
      ],
    };
    expect(updatesOf(json).map((u) => [u.kind, u.wabaId])).toEqual([
      ["message", "A"],
      ["unknown", "A"],
    ]);
  });
});

describe("rejected deliveries", () => {
  it("names the path of a wrongly typed status id", () => {
    const statuses = [0, 1, 2].map((i) => ({
      id: i === 2 ? 42 : `wamid.${i}`,
      status: "sent",
      timestamp: "1",
      recipient_id: "1",
    }));
    expect(errorOf(messagesDelivery({ statuses }))).toContain(
      "entry.0.changes.0.value.statuses.2.id: expected string",
    );
  });

  it.each([
    ["not an object", "hello", "(root): expected object"],
    ["another object type", { object: "page", entry: [] }, 'object: expected "whatsapp_business_account"'],
    ["entry not an array", { object: "whatsapp_business_account", entry: {} }, "entry: expected array"],
    [
      "a numeric entry id",
      { object: "whatsapp_business_account", entry: [{ id: 1, changes: [] }] },
      "entry.0.id: expected string",
    ],
    [
      "messages not an array",
      messagesDelivery({ messages: {} }),
      "entry.0.changes.0.value.messages: expected array",
    ],
    [
      "a numeric message id",
      inbound({ id: 7, type: "text", text: { body: "x" } }),
      "value.messages.0.id: expected string",
    ],
    [
      "missing metadata",
      delivery("messages", { messages: [] }),
      "entry.0.changes.0.value.metadata: expected object",
    ],
    [
      "a text message without text",
      inbound({ type: "text" }),
      "value.messages.0.text: expected object for a text message",
    ],
    [
      "a button message without button",
      inbound({ type: "button" }),
      "value.messages.0.button: expected object",
    ],
    [
      "a non-numeric timestamp",
      inbound({ type: "text", text: { body: "x" }, timestamp: "yesterday" }),
      "value.messages.0.timestamp: expected unix seconds",
    ],
    [
      "an error code as a string",
      messagesDelivery({ errors: [{ code: "131000" }] }),
      "value.errors.0.code: expected number",
    ],
    [
      "a template event without a name",
      delivery("message_template_status_update", {
        event: "APPROVED",
        message_template_id: 1,
        message_template_language: "en",
      }),
      "value.message_template_name: expected string",
    ],
    [
      "preferences not an array",
      delivery("user_preferences", { user_preferences: { wa_id: "1" } }),
      "value.user_preferences: expected array",
    ],
  ])("rejects %s", (_name, json, expected) => {
    expect(errorOf(json)).toContain(expected);
  });

  it("reports a handful of problems, not thousands", () => {
    const statuses = Array.from({ length: 1000 }, () => ({ id: 1 }));
    const error = errorOf(messagesDelivery({ statuses }));
    expect(error.split("; ").length).toBeLessThanOrEqual(6);
    expect(error).toMatch(/and \d+ more$/);
  });
});
