import { describe, expect, it } from "vitest";
import {
  LIMITS,
  PayloadError,
  buildInteractiveButtons,
  buildInteractiveList,
  buildMarkRead,
  buildTemplateSend,
  buildTextMessage,
  isFreeForm,
  messageContentSchema,
  type ListInput,
} from "./payloads";
import { templateVariables, type TemplateComponent, type TemplateSummary } from "./template";

const TO = "+16505551234";
const ENVELOPE = { messaging_product: "whatsapp", recipient_type: "individual", to: TO };

function template(components: TemplateComponent[], parameterFormat: "positional" | "named" = "positional") {
  return {
    name: "order_update",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    parameterFormat,
    components,
  } satisfies TemplateSummary;
}

/** Runs `build` and returns the PayloadError it throws. */
function payloadError(build: () => unknown): PayloadError {
  try {
    build();
  } catch (error) {
    if (error instanceof PayloadError) return error;
    throw error;
  }
  throw new Error("expected a PayloadError");
}

const orderUpdate = template([
  { type: "HEADER", format: "IMAGE" },
  { type: "BODY", text: "Hi {{1}}, order {{2}} has shipped" },
  { type: "FOOTER", text: "Reply STOP to opt out" },
  {
    type: "BUTTONS",
    buttons: [
      { type: "QUICK_REPLY", text: "Yes" },
      { type: "URL", text: "Track", url: "https://shop.example/{{1}}" },
      { type: "PHONE_NUMBER", text: "Call us", phone_number: "+16505550000" },
    ],
  },
]);

describe("buildTemplateSend", () => {
  it("builds Meta's example body: header, body, quick reply, URL suffix, in that order", () => {
    const body = buildTemplateSend(TO, orderUpdate, {
      "header.media": "https://example.com/a.png",
      "body.1": "Jessica",
      "body.2": "#123",
      "payload.0": "run:42:yes",
      "button.1": "orders/123",
    });
    expect(body).toEqual({
      ...ENVELOPE,
      type: "template",
      template: {
        name: "order_update",
        language: { code: "en_US" },
        components: [
          { type: "header", parameters: [{ type: "image", image: { link: "https://example.com/a.png" } }] },
          {
            type: "body",
            parameters: [
              { type: "text", text: "Jessica" },
              { type: "text", text: "#123" },
            ],
          },
          {
            type: "button",
            sub_type: "quick_reply",
            index: "0",
            parameters: [{ type: "payload", payload: "run:42:yes" }],
          },
          { type: "button", sub_type: "url", index: "1", parameters: [{ type: "text", text: "orders/123" }] },
        ],
      },
    });
  });

  it("accepts exactly the keys templateVariables lists", () => {
    const values = Object.fromEntries(
      templateVariables(orderUpdate.components).map((v) => [
        v.key,
        v.kind === "header-media" ? "https://example.com/a.png" : "x",
      ]),
    );
    expect(() => buildTemplateSend(TO, orderUpdate, values)).not.toThrow();
  });

  it("defaults a quick-reply payload to the button text", () => {
    const body = buildTemplateSend(TO, orderUpdate, {
      "header.media": "https://example.com/a.png",
      "body.1": "a",
      "body.2": "b",
      "button.1": "x",
    });
    expect(body.template.components).toContainEqual({
      type: "button",
      sub_type: "quick_reply",
      index: "0",
      parameters: [{ type: "payload", payload: "Yes" }],
    });
  });

  it("fills positional parameters in number order, whatever order the text uses", () => {
    const t = template([{ type: "BODY", text: "{{2}} then {{1}}" }]);
    const body = buildTemplateSend(TO, t, { "body.1": "one", "body.2": "two" });
    expect(body.template.components).toEqual([
      {
        type: "body",
        parameters: [
          { type: "text", text: "one" },
          { type: "text", text: "two" },
        ],
      },
    ]);
  });

  it("names named parameters, in the header and the body", () => {
    const t = template(
      [
        { type: "HEADER", format: "TEXT", text: "Sale for {{first_name}}" },
        { type: "BODY", text: "Hi {{first_name}}, code {{code}}" },
      ],
      "named",
    );
    const body = buildTemplateSend(TO, t, {
      "header.first_name": "Ana",
      "body.first_name": "Ana",
      "body.code": "X1",
    });
    expect(body.template.components).toEqual([
      { type: "header", parameters: [{ type: "text", text: "Ana", parameter_name: "first_name" }] },
      {
        type: "body",
        parameters: [
          { type: "text", text: "Ana", parameter_name: "first_name" },
          { type: "text", text: "X1", parameter_name: "code" },
        ],
      },
    ]);
  });

  it("sends a document header with its file name, and a video header", () => {
    const doc = template([
      { type: "HEADER", format: "DOCUMENT" },
      { type: "BODY", text: "Invoice" },
    ]);
    expect(
      buildTemplateSend(TO, doc, { "header.media": "https://x.example/inv.pdf" }, { filename: "inv.pdf" })
        .template.components,
    ).toEqual([
      {
        type: "header",
        parameters: [
          { type: "document", document: { link: "https://x.example/inv.pdf", filename: "inv.pdf" } },
        ],
      },
    ]);
    const video = template([
      { type: "HEADER", format: "VIDEO" },
      { type: "BODY", text: "Watch" },
    ]);
    expect(buildTemplateSend(TO, video, { "header.media": "1234567890" }).template.components).toEqual([
      { type: "header", parameters: [{ type: "video", video: { id: "1234567890" } }] },
    ]);
  });

  it("leaves out components without parameters", () => {
    const t = template([
      { type: "HEADER", format: "TEXT", text: "Hello" },
      { type: "BODY", text: "No variables" },
      { type: "BUTTONS", buttons: [{ type: "URL", text: "Site", url: "https://x.example" }] },
    ]);
    expect(buildTemplateSend(TO, t, {}).template.components).toEqual([]);
  });

  it("fills a copy-code button from button.<index>", () => {
    const t = template([
      { type: "BODY", text: "Your code" },
      { type: "BUTTONS", buttons: [{ type: "COPY_CODE", example: "ABC" }] },
    ]);
    expect(buildTemplateSend(TO, t, { "button.0": "SAVE10" }).template.components).toEqual([
      {
        type: "button",
        sub_type: "copy_code",
        index: "0",
        parameters: [{ type: "coupon_code", coupon_code: "SAVE10" }],
      },
    ]);
  });

  it.each([
    ["header.media", { "body.1": "a", "body.2": "b", "button.1": "x" }],
    ["body.2", { "header.media": "https://e.x/a.png", "body.1": "a", "button.1": "x" }],
    ["button.1", { "header.media": "https://e.x/a.png", "body.1": "a", "body.2": "b" }],
    ["body.1", { "header.media": "https://e.x/a.png", "body.1": "  ", "body.2": "b", "button.1": "x" }],
  ])("names the missing variable %s", (key, values) => {
    const error = payloadError(() => buildTemplateSend(TO, orderUpdate, values));
    expect(error).toMatchObject({ code: "missing_variable", field: key });
    expect(error.message).toContain(key);
    expect(error.message).toContain("order_update");
  });

  it("limits a header text value to 60 characters", () => {
    const t = template([
      { type: "HEADER", format: "TEXT", text: "Hi {{1}}" },
      { type: "BODY", text: "x" },
    ]);
    expect(() =>
      buildTemplateSend(TO, t, { "header.1": "a".repeat(LIMITS.templateHeaderParam) }),
    ).not.toThrow();
    const error = payloadError(() => buildTemplateSend(TO, t, { "header.1": "a".repeat(61) }));
    expect(error).toMatchObject({ code: "too_long", field: "header.1" });
    expect(error.message).toBe("The value of header.1 ({{1}}) is 61 characters; WhatsApp allows 60");
  });

  it("limits a body value to 1024 characters, or 32768 when the body is the only component", () => {
    const withFooter = template([
      { type: "BODY", text: "{{1}}" },
      { type: "FOOTER", text: "f" },
    ]);
    expect(() => buildTemplateSend(TO, withFooter, { "body.1": "a".repeat(1024) })).not.toThrow();
    expect(payloadError(() => buildTemplateSend(TO, withFooter, { "body.1": "a".repeat(1025) })).code).toBe(
      "too_long",
    );
    const bodyOnly = template([{ type: "BODY", text: "{{1}}" }]);
    expect(() => buildTemplateSend(TO, bodyOnly, { "body.1": "a".repeat(32768) })).not.toThrow();
    expect(payloadError(() => buildTemplateSend(TO, bodyOnly, { "body.1": "a".repeat(32769) })).code).toBe(
      "too_long",
    );
  });

  it.each([
    ["a new line", "a\nb"],
    ["a tab", "a\tb"],
    ["five spaces in a row", "a     b"],
  ])("refuses a text value with %s, as Meta does", (_name, value) => {
    const t = template([{ type: "BODY", text: "{{1}}" }]);
    expect(payloadError(() => buildTemplateSend(TO, t, { "body.1": value }))).toMatchObject({
      code: "invalid_variable",
      field: "body.1",
    });
    expect(() => buildTemplateSend(TO, t, { "body.1": "a    b" })).not.toThrow();
  });

  it("refuses a media header that is neither a link nor a media id", () => {
    const t = template([
      { type: "HEADER", format: "IMAGE" },
      { type: "BODY", text: "x" },
    ]);
    for (const value of ["not a url", "ftp://x.example/a.png", "javascript:alert(1)"]) {
      expect(payloadError(() => buildTemplateSend(TO, t, { "header.media": value }))).toMatchObject({
        code: "invalid_media",
        field: "header.media",
      });
    }
  });

  it("refuses a location header, which needs coordinates it cannot be given", () => {
    const t = template([
      { type: "HEADER", format: "LOCATION" },
      { type: "BODY", text: "x" },
    ]);
    expect(payloadError(() => buildTemplateSend(TO, t, {})).code).toBe("unsupported");
  });
});

describe("recipient", () => {
  it.each(["16505551234", "+1 650 555 1234", "", "+0123456789", "+1234"])("refuses %j as not E.164", (to) => {
    expect(payloadError(() => buildTextMessage(to, "hi"))).toMatchObject({
      code: "invalid_recipient",
      field: "to",
    });
  });
});

describe("buildTextMessage", () => {
  it("builds a text body without link preview by default", () => {
    expect(buildTextMessage(TO, "Hello")).toEqual({
      ...ENVELOPE,
      type: "text",
      text: { preview_url: false, body: "Hello" },
    });
    expect(buildTextMessage(TO, "https://x.example", { previewUrl: true }).text.preview_url).toBe(true);
  });

  it("allows 1 to 4096 characters, counting an emoji as one", () => {
    expect(() => buildTextMessage(TO, "a".repeat(4096))).not.toThrow();
    expect(() => buildTextMessage(TO, "😀".repeat(4096))).not.toThrow();
    expect(payloadError(() => buildTextMessage(TO, "a".repeat(4097)))).toMatchObject({
      code: "too_long",
      field: "body",
      message: "Message is 4097 characters; WhatsApp allows 4096",
    });
    expect(payloadError(() => buildTextMessage(TO, ""))).toMatchObject({ code: "empty", field: "body" });
    expect(payloadError(() => buildTextMessage(TO, "   "))).toMatchObject({ code: "empty", field: "body" });
  });
});

describe("buildInteractiveButtons", () => {
  const input = {
    body: "Pick one",
    header: "Hello",
    footer: "Raqi",
    buttons: [
      { id: "yes", title: "Yes" },
      { id: "no", title: "No" },
    ],
  };

  it("builds reply buttons with header and footer", () => {
    expect(buildInteractiveButtons(TO, input)).toEqual({
      ...ENVELOPE,
      type: "interactive",
      interactive: {
        type: "button",
        header: { type: "text", text: "Hello" },
        body: { text: "Pick one" },
        footer: { text: "Raqi" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "yes", title: "Yes" } },
            { type: "reply", reply: { id: "no", title: "No" } },
          ],
        },
      },
    });
  });

  it("omits an absent or empty header and footer", () => {
    const body = buildInteractiveButtons(TO, { ...input, header: undefined, footer: "" });
    expect(body.interactive).not.toHaveProperty("header");
    expect(body.interactive).not.toHaveProperty("footer");
  });

  it("allows 1 to 3 buttons", () => {
    const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `b${i}`, title: `B${i}` }));
    expect(() => buildInteractiveButtons(TO, { ...input, buttons: buttons(3) })).not.toThrow();
    expect(payloadError(() => buildInteractiveButtons(TO, { ...input, buttons: buttons(4) }))).toMatchObject({
      code: "too_many",
      message: "There are 4 buttons; WhatsApp allows 3",
    });
    expect(payloadError(() => buildInteractiveButtons(TO, { ...input, buttons: [] })).code).toBe("too_few");
  });

  it("limits a button title to 20 characters and says which", () => {
    expect(() =>
      buildInteractiveButtons(TO, { ...input, buttons: [{ id: "a", title: "x".repeat(20) }] }),
    ).not.toThrow();
    const error = payloadError(() =>
      buildInteractiveButtons(TO, {
        ...input,
        buttons: [
          { id: "a", title: "ok" },
          { id: "b", title: "Confirm my appointment!" },
        ],
      }),
    );
    expect(error).toMatchObject({ code: "too_long", field: "buttons.1.title" });
    expect(error.message).toBe('Button title "Confirm my appointment!" is 23 characters; WhatsApp allows 20');
  });

  it("limits a button id to 256 characters", () => {
    expect(() =>
      buildInteractiveButtons(TO, { ...input, buttons: [{ id: "i".repeat(256), title: "A" }] }),
    ).not.toThrow();
    expect(
      payloadError(() =>
        buildInteractiveButtons(TO, { ...input, buttons: [{ id: "i".repeat(257), title: "A" }] }),
      ),
    ).toMatchObject({ code: "too_long", field: "buttons.0.id" });
  });

  it("requires unique ids and titles", () => {
    expect(
      payloadError(() =>
        buildInteractiveButtons(TO, {
          ...input,
          buttons: [
            { id: "a", title: "A" },
            { id: "a", title: "B" },
          ],
        }),
      ),
    ).toMatchObject({ code: "duplicate", field: "buttons.1" });
    expect(
      payloadError(() =>
        buildInteractiveButtons(TO, {
          ...input,
          buttons: [
            { id: "a", title: "A" },
            { id: "b", title: "A" },
          ],
        }),
      ).code,
    ).toBe("duplicate");
  });

  it("limits the body to 1024, the header and footer to 60 characters", () => {
    expect(() =>
      buildInteractiveButtons(TO, {
        ...input,
        body: "b".repeat(1024),
        footer: "f".repeat(60),
        header: "h".repeat(60),
      }),
    ).not.toThrow();
    expect(
      payloadError(() => buildInteractiveButtons(TO, { ...input, body: "b".repeat(1025) })),
    ).toMatchObject({
      code: "too_long",
      field: "body",
    });
    expect(
      payloadError(() => buildInteractiveButtons(TO, { ...input, footer: "f".repeat(61) })),
    ).toMatchObject({
      code: "too_long",
      field: "footer",
    });
    expect(
      payloadError(() => buildInteractiveButtons(TO, { ...input, header: "h".repeat(61) })),
    ).toMatchObject({
      code: "too_long",
      field: "header",
    });
    expect(payloadError(() => buildInteractiveButtons(TO, { ...input, body: "" })).code).toBe("empty");
  });
});

describe("buildInteractiveList", () => {
  const input: ListInput = {
    body: "Choose a size",
    button: "Sizes",
    sections: [
      {
        rows: [
          { id: "s", title: "Small", description: "Fits most" },
          { id: "m", title: "Medium" },
        ],
      },
    ],
  };
  const rows = (n: number, prefix = "r") =>
    Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${prefix}${i}` }));

  it("builds a list; one section needs no title", () => {
    expect(buildInteractiveList(TO, input)).toEqual({
      ...ENVELOPE,
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "Choose a size" },
        action: {
          button: "Sizes",
          sections: [
            {
              rows: [
                { id: "s", title: "Small", description: "Fits most" },
                { id: "m", title: "Medium" },
              ],
            },
          ],
        },
      },
    });
  });

  it("requires a title on each section once there are several", () => {
    const sections = [{ title: "A", rows: rows(1, "a") }, { rows: rows(1, "b") }];
    expect(payloadError(() => buildInteractiveList(TO, { ...input, sections }))).toMatchObject({
      code: "empty",
      field: "sections.1.title",
    });
  });

  it("allows at most 10 sections and 10 rows in all", () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}-`) }));
    expect(() => buildInteractiveList(TO, { ...input, sections: ten })).not.toThrow();
    expect(
      payloadError(() =>
        buildInteractiveList(TO, { ...input, sections: [...ten, { title: "S10", rows: rows(1, "x") }] }),
      ),
    ).toMatchObject({
      code: "too_many",
      field: "sections",
      message: "There are 11 sections; WhatsApp allows 10",
    });
    expect(
      payloadError(() =>
        buildInteractiveList(TO, {
          ...input,
          sections: [
            { title: "A", rows: rows(6, "a") },
            { title: "B", rows: rows(5, "b") },
          ],
        }),
      ),
    ).toMatchObject({ code: "too_many", message: "There are 11 rows; WhatsApp allows 10" });
    expect(payloadError(() => buildInteractiveList(TO, { ...input, sections: [] })).code).toBe("too_few");
    expect(
      payloadError(() =>
        buildInteractiveList(TO, {
          ...input,
          sections: [
            { title: "A", rows: rows(1) },
            { title: "B", rows: [] },
          ],
        }),
      ),
    ).toMatchObject({ code: "too_few", field: "sections.1" });
  });

  it("limits row titles to 24, ids to 200 and descriptions to 72 characters", () => {
    const one = (row: { id: string; title: string; description?: string }) =>
      buildInteractiveList(TO, { ...input, sections: [{ rows: [row] }] });
    expect(() =>
      one({ id: "i".repeat(200), title: "t".repeat(24), description: "d".repeat(72) }),
    ).not.toThrow();
    expect(payloadError(() => one({ id: "a", title: "t".repeat(25) }))).toMatchObject({
      code: "too_long",
      field: "sections.0.rows.0.title",
    });
    expect(payloadError(() => one({ id: "i".repeat(201), title: "t" }))).toMatchObject({
      code: "too_long",
      field: "sections.0.rows.0.id",
    });
    expect(payloadError(() => one({ id: "a", title: "t", description: "d".repeat(73) }))).toMatchObject({
      code: "too_long",
      field: "sections.0.rows.0.description",
    });
  });

  it("limits the list button to 20 and section titles to 24 characters", () => {
    expect(payloadError(() => buildInteractiveList(TO, { ...input, button: "b".repeat(21) }))).toMatchObject({
      code: "too_long",
      field: "button",
    });
    expect(payloadError(() => buildInteractiveList(TO, { ...input, button: " " })).code).toBe("empty");
    expect(
      payloadError(() =>
        buildInteractiveList(TO, { ...input, sections: [{ title: "s".repeat(25), rows: rows(1) }] }),
      ),
    ).toMatchObject({ code: "too_long", field: "sections.0.title" });
  });

  it("requires unique row ids across sections", () => {
    const sections = [
      { title: "A", rows: [{ id: "x", title: "One" }] },
      { title: "B", rows: [{ id: "x", title: "Two" }] },
    ];
    expect(payloadError(() => buildInteractiveList(TO, { ...input, sections })).code).toBe("duplicate");
  });

  it("limits the body to 1024 characters", () => {
    expect(payloadError(() => buildInteractiveList(TO, { ...input, body: "b".repeat(1025) }))).toMatchObject({
      code: "too_long",
      field: "body",
    });
  });
});

describe("buildMarkRead", () => {
  it("marks a message read by its wamid", () => {
    expect(buildMarkRead("wamid.ABC")).toEqual({
      messaging_product: "whatsapp",
      status: "read",
      message_id: "wamid.ABC",
    });
    expect(payloadError(() => buildMarkRead("")).code).toBe("empty");
  });
});

describe("messageContentSchema", () => {
  it("parses each kind of content", () => {
    const contents = [
      { type: "template", name: "order_update", language: "en_US", values: { "body.1": "Ana" } },
      { type: "text", body: "Hi", previewUrl: true },
      { type: "buttons", body: "Pick", buttons: [{ id: "a", title: "A" }] },
      { type: "list", body: "Pick", button: "Open", sections: [{ rows: [{ id: "a", title: "A" }] }] },
    ];
    for (const content of contents) expect(messageContentSchema.parse(content)).toEqual(content);
  });

  it("rejects unknown types and malformed content", () => {
    expect(messageContentSchema.safeParse({ type: "sticker" }).success).toBe(false);
    expect(messageContentSchema.safeParse({ type: "text", body: "" }).success).toBe(false);
    expect(messageContentSchema.safeParse({ type: "buttons", body: "x", buttons: [] }).success).toBe(false);
    expect(
      messageContentSchema.safeParse({ type: "template", name: "x", language: "en", values: { a: 1 } })
        .success,
    ).toBe(false);
  });

  it("treats everything but a template as free-form", () => {
    expect(isFreeForm({ type: "template", name: "x", language: "en", values: {} })).toBe(false);
    expect(isFreeForm({ type: "text", body: "x" })).toBe(true);
    expect(isFreeForm({ type: "buttons", body: "x", buttons: [{ id: "a", title: "A" }] })).toBe(true);
    expect(
      isFreeForm({ type: "list", body: "x", button: "b", sections: [{ rows: [{ id: "a", title: "A" }] }] }),
    ).toBe(true);
  });
});
