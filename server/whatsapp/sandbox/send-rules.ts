import { invalidParam, invalidValue, missingParam } from "./meta-errors";

/**
 * Validation of POST /{phone-number-id}/messages bodies, with Meta's limits
 * (../shared/WHATSAPP.md, "Sending"). Template parameters are checked in template-rules.ts, against
 * the stored template.
 */

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Characters as a person counts them (code points), which is how Meta measures limits. */
export function lengthOf(text: string): number {
  return [...text].length;
}

export type ParsedSend =
  | { kind: "read"; messageId: string }
  | {
      kind: "message";
      type: MessageType;
      /** `to` as the caller wrote it, echoed in `contacts[].input`. */
      input: string;
      waId: string;
      template?: { name: string; languageCode: string; components: unknown[] };
    };

const MESSAGE_TYPES = [
  "audio",
  "contacts",
  "document",
  "image",
  "interactive",
  "location",
  "reaction",
  "sticker",
  "template",
  "text",
  "video",
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

const isMessageType = (value: string): value is MessageType =>
  (MESSAGE_TYPES as readonly string[]).includes(value);
const upperList = (values: readonly string[]) => `{${values.map((v) => v.toUpperCase()).join(", ")}}`;

export function parseSend(body: Json): ParsedSend {
  const product = body.messaging_product;
  if (product === undefined) throw missingParam("messaging_product");
  if (product !== "whatsapp")
    throw invalidParam("messaging_product", `must be one of {WHATSAPP} - got "${String(product)}".`);

  if (body.status !== undefined) {
    if (body.status !== "read")
      throw invalidParam("status", `must be one of {READ} - got "${String(body.status)}".`);
    if (typeof body.message_id !== "string" || body.message_id === "") throw missingParam("message_id");
    if (body.typing_indicator !== undefined) {
      const indicator = body.typing_indicator;
      if (!isRecord(indicator) || indicator.type !== "text")
        throw invalidParam("typing_indicator['type']", "must be one of {TEXT}.");
    }
    return { kind: "read", messageId: body.message_id };
  }

  if (body.recipient_type !== undefined && body.recipient_type !== "individual")
    throw invalidParam(
      "recipient_type",
      `must be one of {INDIVIDUAL} - got "${String(body.recipient_type)}".`,
    );
  if (body.to === undefined || body.to === "") throw missingParam("to");
  if (typeof body.to !== "string") throw invalidParam("to", "must be a string.");
  const waId = recipientWaId(body.to);

  // Meta defaults a missing type to text.
  const type = body.type ?? "text";
  if (typeof type !== "string" || !isMessageType(type))
    throw invalidParam("type", `must be one of ${upperList(MESSAGE_TYPES)} - got "${String(type)}".`);
  const content = body[type];
  if (content === undefined) throw missingParam(type);
  if (type !== "contacts" && !isRecord(content)) throw invalidParam(type, "must be an object.");

  if (body.context !== undefined) {
    if (
      !isRecord(body.context) ||
      typeof body.context.message_id !== "string" ||
      body.context.message_id === ""
    )
      throw invalidParam("context['message_id']", "must be a message id.");
  }

  const parsed: ParsedSend = { kind: "message", type, input: body.to, waId };
  switch (type) {
    case "text":
      checkText(content as Json);
      break;
    case "interactive":
      checkInteractive(content as Json);
      break;
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker":
      checkMedia(type, content as Json);
      break;
    case "location":
      checkLocation(content as Json);
      break;
    case "reaction":
      checkReaction(content as Json);
      break;
    case "contacts":
      if (!Array.isArray(content) || content.length === 0)
        throw invalidParam("contacts", "must be a non-empty array.");
      break;
    case "template":
      parsed.template = parseTemplateRef(content as Json);
      break;
  }
  return parsed;
}

/** Meta accepts the number with a `+`, spaces, dashes, dots and parentheses; the wa_id is its digits. */
function recipientWaId(to: string): string {
  if (!/^\+?[0-9 ().-]+$/.test(to)) throw invalidParam("to", "must be a valid WhatsApp phone number.");
  const digits = to.replace(/\D/g, "");
  if (digits.length < 8 || digits.length > 15 || digits.startsWith("0"))
    throw invalidParam("to", "must be a valid WhatsApp phone number.");
  return digits;
}

function checkText(text: Json): void {
  if (typeof text.body !== "string" || text.body === "") throw missingParam("text['body']");
  if (lengthOf(text.body) > 4096) throw invalidParam("text['body']", "must be at most 4096 characters long.");
  if (text.preview_url !== undefined && typeof text.preview_url !== "boolean")
    throw invalidParam("text['preview_url']", "must be a boolean.");
}

function stringWithin(value: unknown, max: number): value is string {
  return typeof value === "string" && lengthOf(value) >= 1 && lengthOf(value) <= max;
}

function checkInteractive(interactive: Json): void {
  const kinds = ["button", "list", "cta_url"] as const;
  const kind = interactive.type;
  if (kind === undefined) throw missingParam("interactive['type']");
  if (typeof kind !== "string" || !(kinds as readonly string[]).includes(kind))
    throw invalidParam("interactive['type']", `must be one of ${upperList(kinds)} - got "${String(kind)}".`);

  const body = interactive.body;
  if (!isRecord(body) || body.text === undefined) throw missingParam("interactive['body']");
  const bodyMax = kind === "list" ? 4096 : 1024;
  if (!stringWithin(body.text, bodyMax))
    throw invalidValue(`Body text length invalid. Min length: 1, Max length: ${bodyMax}`);
  if (interactive.footer !== undefined) {
    if (!isRecord(interactive.footer) || !stringWithin(interactive.footer.text, 60))
      throw invalidValue("Footer text length invalid. Min length: 1, Max length: 60");
  }
  if (interactive.header !== undefined) checkInteractiveHeader(interactive.header, kind === "list");

  const action = interactive.action;
  if (!isRecord(action)) throw missingParam("interactive['action']");
  if (kind === "button") checkReplyButtons(action);
  else if (kind === "list") checkList(action);
  else checkCtaUrl(action);
}

function checkInteractiveHeader(header: unknown, textOnly: boolean): void {
  if (!isRecord(header)) throw invalidParam("interactive['header']", "must be an object.");
  const types = textOnly ? ["text"] : ["text", "image", "video", "document"];
  if (typeof header.type !== "string" || !types.includes(header.type))
    throw invalidParam("interactive['header']['type']", `must be one of ${upperList(types)}.`);
  if (header.type === "text") {
    if (!stringWithin(header.text, 60))
      throw invalidValue("Header text length invalid. Min length: 1, Max length: 60");
    return;
  }
  const media = header[header.type];
  if (!isRecord(media)) throw missingParam(`interactive['header']['${header.type}']`);
  checkMedia(`interactive['header']['${header.type}']`, media);
}

function checkReplyButtons(action: Json): void {
  const buttons = action.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0) throw missingParam("interactive['action']['buttons']");
  if (buttons.length > 3) throw invalidValue("Buttons count invalid. Min: 1, Max: 3");
  const ids = new Set<string>();
  const titles = new Set<string>();
  for (const [i, button] of buttons.entries()) {
    if (!isRecord(button) || button.type !== "reply")
      throw invalidParam(`interactive['action']['buttons'][${i}]['type']`, "must be one of {REPLY}.");
    const reply = button.reply;
    if (!isRecord(reply)) throw missingParam(`interactive['action']['buttons'][${i}]['reply']`);
    if (!stringWithin(reply.title, 20))
      throw invalidValue("Button title length invalid. Min length: 1, Max length: 20");
    if (!stringWithin(reply.id, 256))
      throw invalidValue("Button id length invalid. Min length: 1, Max length: 256");
    if (ids.has(reply.id)) throw invalidValue("Buttons must have unique ids");
    if (titles.has(reply.title)) throw invalidValue("Buttons must have unique titles");
    ids.add(reply.id);
    titles.add(reply.title);
  }
}

function checkList(action: Json): void {
  if (!stringWithin(action.button, 20))
    throw invalidValue("Button text length invalid. Min length: 1, Max length: 20");
  const sections = action.sections;
  if (!Array.isArray(sections) || sections.length === 0)
    throw missingParam("interactive['action']['sections']");
  if (sections.length > 10) throw invalidValue("Number of sections invalid. Min: 1, Max: 10");
  const ids = new Set<string>();
  let rows = 0;
  for (const [i, section] of sections.entries()) {
    if (!isRecord(section))
      throw invalidParam(`interactive['action']['sections'][${i}]`, "must be an object.");
    if (section.title === undefined && sections.length > 1)
      throw missingParam(`interactive['action']['sections'][${i}]['title']`);
    if (section.title !== undefined && !stringWithin(section.title, 24))
      throw invalidValue("Section title length invalid. Min length: 1, Max length: 24");
    if (!Array.isArray(section.rows) || section.rows.length === 0)
      throw missingParam(`interactive['action']['sections'][${i}]['rows']`);
    for (const row of section.rows) {
      rows += 1;
      if (!isRecord(row))
        throw invalidParam(`interactive['action']['sections'][${i}]['rows']`, "must hold objects.");
      if (!stringWithin(row.id, 200))
        throw invalidValue("Row id length invalid. Min length: 1, Max length: 200");
      if (!stringWithin(row.title, 24))
        throw invalidValue("Row title length invalid. Min length: 1, Max length: 24");
      if (row.description !== undefined && !stringWithin(row.description, 72))
        throw invalidValue("Row description length invalid. Min length: 1, Max length: 72");
      if (ids.has(row.id)) throw invalidValue("Rows must have unique ids");
      ids.add(row.id);
    }
  }
  if (rows > 10) throw invalidValue("Total row count exceed max allowed count: 10");
}

function checkCtaUrl(action: Json): void {
  if (action.name !== "cta_url")
    throw invalidParam("interactive['action']['name']", "must be one of {CTA_URL}.");
  const parameters = action.parameters;
  if (!isRecord(parameters)) throw missingParam("interactive['action']['parameters']");
  if (!stringWithin(parameters.display_text, 20))
    throw invalidValue("Display text length invalid. Min length: 1, Max length: 20");
  if (typeof parameters.url !== "string" || !isHttpUrl(parameters.url))
    throw invalidParam("interactive['action']['parameters']['url']", "must be a valid URL.");
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** A media object: exactly one of `id` (uploaded media) or `link` (a public http(s) URL). */
export function checkMedia(param: string, media: Json): void {
  const hasId = typeof media.id === "string" && media.id !== "";
  const hasLink = media.link !== undefined;
  if (hasId === hasLink) throw invalidParam(param, "must contain exactly one of {id, link}.");
  if (hasLink && (typeof media.link !== "string" || !isHttpUrl(media.link)))
    throw invalidParam(`${param}['link']`, "must be a valid http(s) URL.");
  if (media.caption !== undefined && !stringWithin(media.caption, 1024))
    throw invalidParam(`${param}['caption']`, "must be at most 1024 characters long.");
}

function checkLocation(location: Json): void {
  for (const key of ["latitude", "longitude"]) {
    const value = location[key];
    if (value === undefined) throw missingParam(`location['${key}']`);
    if (typeof value !== "number" && !(typeof value === "string" && Number.isFinite(Number(value))))
      throw invalidParam(`location['${key}']`, "must be a number.");
  }
}

function checkReaction(reaction: Json): void {
  if (typeof reaction.message_id !== "string" || reaction.message_id === "")
    throw missingParam("reaction['message_id']");
  if (typeof reaction.emoji !== "string") throw missingParam("reaction['emoji']");
}

function parseTemplateRef(template: Json): { name: string; languageCode: string; components: unknown[] } {
  if (typeof template.name !== "string" || template.name === "") throw missingParam("template['name']");
  const language = template.language;
  if (language === undefined) throw missingParam("template['language']");
  if (!isRecord(language) || typeof language.code !== "string" || language.code === "")
    throw missingParam("template['language']['code']");
  if (language.policy !== undefined && language.policy !== "deterministic")
    throw invalidParam("template['language']['policy']", "must be one of {DETERMINISTIC}.");
  const components = template.components ?? [];
  if (!Array.isArray(components)) throw invalidParam("template['components']", "must be an array.");
  return { name: template.name, languageCode: language.code, components };
}
