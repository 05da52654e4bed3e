import { z } from "zod";
import { placeholdersIn, type TemplateSummary } from "./template";

/**
 * Graph API send bodies (../shared/WHATSAPP.md, "Sending"): pure functions that refuse what Meta would
 * refuse, with a reason a person can act on, instead of letting the send fail as error 100 / 131008 /
 * 131009 minutes later. Lengths count Unicode code points (an emoji is one character).
 */
export const LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  interactiveHeader: 60,
  footer: 60,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButton: 20,
  sections: 10,
  rows: 10,
  sectionTitle: 24,
  rowTitle: 24,
  rowId: 200,
  rowDescription: 72,
  /** Meta's parameter object: a header text parameter. */
  templateHeaderParam: 60,
  /** Meta's parameter object: a body parameter when the template has other components… */
  templateBodyParam: 1024,
  /** …and when the body is the template's only component. */
  templateBodyOnlyParam: 32768,
} as const;

export class PayloadError extends Error {
  constructor(
    public code: string,
    message: string,
    public field?: string,
  ) {
    super(message);
    this.name = "PayloadError";
  }
}

/** Every send body starts with these. */
interface Envelope {
  messaging_product: "whatsapp";
  recipient_type: "individual";
  to: string;
}

type TextParameter = { type: "text"; text: string; parameter_name?: string };
type MediaObject = { link: string; filename?: string } | { id: string; filename?: string };
type HeaderParameter =
  | TextParameter
  | { type: "image"; image: MediaObject }
  | { type: "document"; document: MediaObject }
  | { type: "video"; video: MediaObject };
type ButtonParameter =
  | { type: "text"; text: string }
  | { type: "payload"; payload: string }
  | { type: "coupon_code"; coupon_code: string };

export type TemplateSendComponent =
  | { type: "header"; parameters: HeaderParameter[] }
  | { type: "body"; parameters: TextParameter[] }
  | {
      type: "button";
      sub_type: "url" | "quick_reply" | "copy_code";
      index: string;
      parameters: ButtonParameter[];
    };

export interface TemplateSendBody extends Envelope {
  type: "template";
  template: { name: string; language: { code: string }; components: TemplateSendComponent[] };
}

export interface TextMessageBody extends Envelope {
  type: "text";
  text: { preview_url: boolean; body: string };
}

interface InteractiveCommon {
  header?: { type: "text"; text: string };
  body: { text: string };
  footer?: { text: string };
}

export interface InteractiveButtonsBody extends Envelope {
  type: "interactive";
  interactive: InteractiveCommon & {
    type: "button";
    action: { buttons: { type: "reply"; reply: { id: string; title: string } }[] };
  };
}

export interface InteractiveListBody extends Envelope {
  type: "interactive";
  interactive: InteractiveCommon & {
    type: "list";
    action: {
      button: string;
      sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
    };
  };
}

export interface MarkReadBody {
  messaging_product: "whatsapp";
  status: "read";
  message_id: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function length(text: string): number {
  return [...text].length;
}

function quote(text: string): string {
  const chars = [...text];
  return `"${chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : text}"`;
}

/** Checks a required text: present, not blank, at most `max` characters. */
function requireText(value: string | undefined, max: number, label: string, field: string): string {
  if (value === undefined || value.trim() === "") {
    throw new PayloadError("empty", `${label} is empty; WhatsApp needs some text`, field);
  }
  const n = length(value);
  if (n > max) {
    const shown = max <= LIMITS.buttonId ? `${label} ${quote(value)}` : label;
    throw new PayloadError("too_long", `${shown} is ${n} characters; WhatsApp allows ${max}`, field);
  }
  return value;
}

function optionalText(
  value: string | undefined,
  max: number,
  label: string,
  field: string,
): string | undefined {
  return value === undefined || value === "" ? undefined : requireText(value, max, label, field);
}

function envelope(to: string): Envelope {
  if (!E164.test(to)) {
    throw new PayloadError(
      "invalid_recipient",
      `"${to}" is not a phone number in E.164 form (+16505551234)`,
      "to",
    );
  }
  return { messaging_product: "whatsapp", recipient_type: "individual", to };
}

function checkCount(count: number, max: number, what: string, field: string): void {
  if (count === 0) throw new PayloadError("too_few", `Add at least one ${what}`, field);
  if (count > max) {
    throw new PayloadError("too_many", `There are ${count} ${what}s; WhatsApp allows ${max}`, field);
  }
}

function checkUnique(values: string[], what: string, field: string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) {
      throw new PayloadError(
        "duplicate",
        `Two ${what}s are ${quote(value)}; each must be unique`,
        `${field}.${index}`,
      );
    }
    seen.add(value);
  });
}

// ── Templates ────────────────────────────────────────────────────────────────────────────────────

/**
 * Meta rejects template text parameters containing new lines, tabs or more than 4 consecutive spaces
 * ("Param text cannot have new-line/tab characters or more than 4 consecutive spaces").
 */
const FORBIDDEN_IN_PARAMETER = /[\n\r\t]| {5,}/;

function templateValue(
  template: TemplateSummary,
  values: Record<string, string>,
  key: string,
  label: string,
): string {
  const value = values[key];
  if (value === undefined || value.trim() === "") {
    throw new PayloadError(
      "missing_variable",
      `Template "${template.name}" needs a value for ${key} (${label})`,
      key,
    );
  }
  return value;
}

function textParameter(
  template: TemplateSummary,
  values: Record<string, string>,
  key: string,
  label: string,
  max: number,
): string {
  const value = templateValue(template, values, key, label);
  const n = length(value);
  if (n > max) {
    throw new PayloadError(
      "too_long",
      `The value of ${key} (${label}) is ${n} characters; WhatsApp allows ${max}`,
      key,
    );
  }
  if (FORBIDDEN_IN_PARAMETER.test(value)) {
    throw new PayloadError(
      "invalid_variable",
      `The value of ${key} (${label}) has a line break, a tab or more than 4 spaces in a row; WhatsApp refuses them in template values`,
      key,
    );
  }
  return value;
}

/** Positional placeholders fill {{1}}, {{2}}… in number order; named ones in order of appearance. */
function orderedPlaceholders(text: string | undefined, named: boolean): string[] {
  const names = placeholdersIn(text);
  return named ? names : [...names].sort((a, b) => Number(a) - Number(b));
}

function mediaObject(value: string, filename: string | undefined, key: string): MediaObject {
  const trimmed = value.trim();
  const media: MediaObject = /^\d+$/.test(trimmed) ? { id: trimmed } : { link: trimmed };
  if ("link" in media) {
    let url: URL | undefined;
    try {
      url = new URL(trimmed);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
      throw new PayloadError("invalid_media", `${key} must be an https link or a WhatsApp media id`, key);
    }
  }
  return filename ? { ...media, filename } : media;
}

/**
 * The send body of a template, components in Meta's order (header, body, buttons). `values` are keyed
 * like templateVariables(): `header.1` / `header.media`, `body.1` or `body.first_name`, `button.<index>`
 * (URL suffix, or a copy-code button's code) and `payload.<index>` (quick-reply payload, defaulting to
 * the button text so a tap can be matched either way).
 */
export function buildTemplateSend(
  to: string,
  template: TemplateSummary,
  values: Record<string, string>,
  options: { filename?: string } = {},
): TemplateSendBody {
  const base = envelope(to);
  const named = template.parameterFormat === "named";
  const withName = (name: string): { parameter_name?: string } => (named ? { parameter_name: name } : {});
  const bodyOnly = template.components.every((c) => c.type === "BODY");
  const header: TemplateSendComponent[] = [];
  const body: TemplateSendComponent[] = [];
  const buttons: TemplateSendComponent[] = [];

  for (const component of template.components) {
    if (component.type === "HEADER") {
      if (component.format === "TEXT") {
        const parameters = orderedPlaceholders(component.text, named).map((name): TextParameter => ({
          type: "text",
          text: textParameter(template, values, `header.${name}`, `{{${name}}}`, LIMITS.templateHeaderParam),
          ...withName(name),
        }));
        if (parameters.length > 0) header.push({ type: "header", parameters });
      } else if (component.format === "LOCATION") {
        throw new PayloadError(
          "unsupported",
          `Template "${template.name}" has a location header, which Raqi cannot send yet`,
          "header",
        );
      } else {
        const value = templateValue(template, values, "header.media", component.format.toLowerCase());
        const filename = component.format === "DOCUMENT" ? options.filename : undefined;
        const media = mediaObject(value, filename, "header.media");
        const parameter: HeaderParameter =
          component.format === "IMAGE"
            ? { type: "image", image: media }
            : component.format === "VIDEO"
              ? { type: "video", video: media }
              : { type: "document", document: media };
        header.push({ type: "header", parameters: [parameter] });
      }
    } else if (component.type === "BODY") {
      const max = bodyOnly ? LIMITS.templateBodyOnlyParam : LIMITS.templateBodyParam;
      const parameters = orderedPlaceholders(component.text, named).map((name): TextParameter => ({
        type: "text",
        text: textParameter(template, values, `body.${name}`, `{{${name}}}`, max),
        ...withName(name),
      }));
      if (parameters.length > 0) body.push({ type: "body", parameters });
    } else if (component.type === "BUTTONS") {
      component.buttons.forEach((button, index) => {
        if (button.type === "URL" && placeholdersIn(button.url).length > 0) {
          const text = templateValue(template, values, `button.${index}`, button.text);
          buttons.push({
            type: "button",
            sub_type: "url",
            index: String(index),
            parameters: [{ type: "text", text }],
          });
        } else if (button.type === "QUICK_REPLY") {
          const given = values[`payload.${index}`];
          const payload = given !== undefined && given.trim() !== "" ? given : button.text;
          buttons.push({
            type: "button",
            sub_type: "quick_reply",
            index: String(index),
            parameters: [{ type: "payload", payload }],
          });
        } else if (button.type === "COPY_CODE") {
          const code = templateValue(template, values, `button.${index}`, "copy code");
          buttons.push({
            type: "button",
            sub_type: "copy_code",
            index: String(index),
            parameters: [{ type: "coupon_code", coupon_code: code }],
          });
        }
      });
    }
  }

  return {
    ...base,
    type: "template",
    template: {
      name: template.name,
      language: { code: template.language },
      components: [...header, ...body, ...buttons],
    },
  };
}

// ── Free-form messages (inside the 24-hour window only) ───────────────────────────────────────────

/** A text message; links get a preview only when asked. */
export function buildTextMessage(
  to: string,
  body: string,
  options: { previewUrl?: boolean } = {},
): TextMessageBody {
  const base = envelope(to);
  return {
    ...base,
    type: "text",
    text: {
      preview_url: options.previewUrl ?? false,
      body: requireText(body, LIMITS.textBody, "Message", "body"),
    },
  };
}

function interactiveCommon(input: { body: string; header?: string; footer?: string }): InteractiveCommon {
  const header = optionalText(input.header, LIMITS.interactiveHeader, "Header", "header");
  const footer = optionalText(input.footer, LIMITS.footer, "Footer", "footer");
  return {
    ...(header === undefined ? {} : { header: { type: "text", text: header } }),
    body: { text: requireText(input.body, LIMITS.interactiveBody, "Message", "body") },
    ...(footer === undefined ? {} : { footer: { text: footer } }),
  };
}

export interface ReplyButtonsInput {
  body: string;
  header?: string;
  footer?: string;
  buttons: { id: string; title: string }[];
}

/** Up to 3 reply buttons; a tap comes back as `interactive.button_reply` with the button's id. */
export function buildInteractiveButtons(to: string, input: ReplyButtonsInput): InteractiveButtonsBody {
  const base = envelope(to);
  const common = interactiveCommon(input);
  checkCount(input.buttons.length, LIMITS.buttons, "button", "buttons");
  const buttons = input.buttons.map((button, i) => ({
    type: "reply" as const,
    reply: {
      id: requireText(button.id, LIMITS.buttonId, "Button id", `buttons.${i}.id`),
      title: requireText(button.title, LIMITS.buttonTitle, "Button title", `buttons.${i}.title`),
    },
  }));
  checkUnique(
    buttons.map((b) => b.reply.id),
    "button id",
    "buttons",
  );
  checkUnique(
    buttons.map((b) => b.reply.title),
    "button title",
    "buttons",
  );
  return { ...base, type: "interactive", interactive: { type: "button", ...common, action: { buttons } } };
}

export interface ListInput {
  body: string;
  /** The label of the button that opens the list. */
  button: string;
  header?: string;
  footer?: string;
  sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
}

/** A list of up to 10 rows in up to 10 sections; a pick comes back as `interactive.list_reply`. */
export function buildInteractiveList(to: string, input: ListInput): InteractiveListBody {
  const base = envelope(to);
  const common = interactiveCommon(input);
  const button = requireText(input.button, LIMITS.listButton, "List button", "button");
  checkCount(input.sections.length, LIMITS.sections, "section", "sections");
  checkCount(
    input.sections.reduce((n, s) => n + s.rows.length, 0),
    LIMITS.rows,
    "row",
    "sections",
  );
  const ids: string[] = [];
  const sections = input.sections.map((section, s) => {
    const field = `sections.${s}`;
    // Meta requires a title on every section once there is more than one.
    const title =
      input.sections.length > 1
        ? requireText(section.title, LIMITS.sectionTitle, "Section title", `${field}.title`)
        : optionalText(section.title, LIMITS.sectionTitle, "Section title", `${field}.title`);
    if (section.rows.length === 0)
      throw new PayloadError("too_few", "Add at least one row to each section", field);
    const rows = section.rows.map((row, r) => {
      const id = requireText(row.id, LIMITS.rowId, "Row id", `${field}.rows.${r}.id`);
      ids.push(id);
      const description = optionalText(
        row.description,
        LIMITS.rowDescription,
        "Row description",
        `${field}.rows.${r}.description`,
      );
      return {
        id,
        title: requireText(row.title, LIMITS.rowTitle, "Row title", `${field}.rows.${r}.title`),
        ...(description === undefined ? {} : { description }),
      };
    });
    return { ...(title === undefined ? {} : { title }), rows };
  });
  checkUnique(ids, "row id", "rows");
  return {
    ...base,
    type: "interactive",
    interactive: { type: "list", ...common, action: { button, sections } },
  };
}

/** Marks an inbound message read (blue ticks). */
export function buildMarkRead(wamid: string): MarkReadBody {
  if (wamid.trim() === "")
    throw new PayloadError("empty", "The message id to mark read is empty", "message_id");
  return { messaging_product: "whatsapp", status: "read", message_id: wamid };
}

// ── What a send asks for ─────────────────────────────────────────────────────────────────────────

/** Shape only; the builders check Meta's limits and say what is wrong. Sizes are capped to bound input. */
const text = (max: number) => z.string().min(1).max(max);

export const messageContentSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("template"),
    name: text(512),
    language: text(20),
    values: z.record(z.string().max(100), z.string().max(LIMITS.templateBodyOnlyParam)),
  }),
  z.object({ type: z.literal("text"), body: text(LIMITS.textBody), previewUrl: z.boolean().optional() }),
  z.object({
    type: z.literal("buttons"),
    body: text(LIMITS.interactiveBody),
    header: z.string().max(LIMITS.interactiveHeader).optional(),
    footer: z.string().max(LIMITS.footer).optional(),
    buttons: z
      .array(z.object({ id: text(LIMITS.buttonId), title: text(LIMITS.buttonTitle) }))
      .min(1)
      .max(LIMITS.buttons),
  }),
  z.object({
    type: z.literal("list"),
    body: text(LIMITS.interactiveBody),
    button: text(LIMITS.listButton),
    header: z.string().max(LIMITS.interactiveHeader).optional(),
    footer: z.string().max(LIMITS.footer).optional(),
    sections: z
      .array(
        z.object({
          title: z.string().max(LIMITS.sectionTitle).optional(),
          rows: z
            .array(
              z.object({
                id: text(LIMITS.rowId),
                title: text(LIMITS.rowTitle),
                description: z.string().max(LIMITS.rowDescription).optional(),
              }),
            )
            .min(1)
            .max(LIMITS.rows),
        }),
      )
      .min(1)
      .max(LIMITS.sections),
  }),
]);
export type MessageContent = z.infer<typeof messageContentSchema>;

/** Free-form content reaches a contact only inside the 24-hour window; a template goes any time. */
export function isFreeForm(
  content: MessageContent,
): content is Exclude<MessageContent, { type: "template" }> {
  return content.type !== "template";
}
