import { z } from "zod";

/**
 * Message templates as Meta describes them (../shared/WHATSAPP.md, "Templates"), and the variables a
 * send must fill. Shared by the templates table, the flow validator and the payload builders.
 */
export const TEMPLATE_STATUSES = [
  "APPROVED",
  "PENDING",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "IN_APPEAL",
  "PENDING_DELETION",
  "ARCHIVED",
] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

const buttonSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("QUICK_REPLY"), text: z.string() }),
  z.object({ type: z.literal("URL"), text: z.string(), url: z.string() }),
  z.object({ type: z.literal("PHONE_NUMBER"), text: z.string(), phone_number: z.string() }),
  z.object({ type: z.literal("COPY_CODE"), example: z.string().optional() }).loose(),
]);

export const templateComponentSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("HEADER"),
      format: z.enum(["TEXT", "IMAGE", "DOCUMENT", "VIDEO", "LOCATION"]),
      text: z.string().optional(),
    })
    .loose(),
  z.object({ type: z.literal("BODY"), text: z.string() }).loose(),
  z.object({ type: z.literal("FOOTER"), text: z.string() }).loose(),
  z.object({ type: z.literal("BUTTONS"), buttons: z.array(buttonSchema).max(10) }).loose(),
]);
export type TemplateComponent = z.infer<typeof templateComponentSchema>;

/** What flows need to know about a template. */
export interface TemplateSummary {
  name: string;
  language: string;
  status: TemplateStatus;
  category: TemplateCategory;
  parameterFormat: "positional" | "named";
  components: TemplateComponent[];
}

/**
 * One value a send must supply, keyed the way a template-send node's mapping is keyed:
 * `header.1` / `header.media`, `body.1` or `body.first_name`, `button.<index>` (URL suffix),
 * `payload.<index>` (quick-reply payload, optional: defaults to the button text).
 */
export interface TemplateVariable {
  key: string;
  kind: "header-text" | "header-media" | "body" | "url-suffix" | "quick-reply-payload";
  required: boolean;
  /** Human label: the placeholder as written ({{1}}, {{first_name}}) or the button text. */
  label: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export function placeholdersIn(text: string | undefined): string[] {
  const found: string[] = [];
  for (const match of (text ?? "").matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name && !found.includes(name)) found.push(name);
  }
  return found;
}

export function templateVariables(components: TemplateComponent[]): TemplateVariable[] {
  const vars: TemplateVariable[] = [];
  for (const c of components) {
    if (c.type === "HEADER") {
      if (c.format === "TEXT") {
        for (const p of placeholdersIn(c.text)) {
          vars.push({ key: `header.${p}`, kind: "header-text", required: true, label: `{{${p}}}` });
        }
      } else if (c.format !== "LOCATION") {
        vars.push({
          key: "header.media",
          kind: "header-media",
          required: true,
          label: c.format.toLowerCase(),
        });
      }
    } else if (c.type === "BODY") {
      for (const p of placeholdersIn(c.text))
        vars.push({ key: `body.${p}`, kind: "body", required: true, label: `{{${p}}}` });
    } else if (c.type === "BUTTONS") {
      c.buttons.forEach((b, index) => {
        if (b.type === "URL" && placeholdersIn(b.url).length > 0) {
          vars.push({ key: `button.${index}`, kind: "url-suffix", required: true, label: b.text });
        } else if (b.type === "QUICK_REPLY") {
          vars.push({ key: `payload.${index}`, kind: "quick-reply-payload", required: false, label: b.text });
        }
      });
    }
  }
  return vars;
}

/** The quick-reply buttons of a template, in order: a wait-for-reply after it branches on these. */
export function quickReplies(components: TemplateComponent[]): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  for (const c of components) {
    if (c.type !== "BUTTONS") continue;
    c.buttons.forEach((b, index) => {
      if (b.type === "QUICK_REPLY") out.push({ index, text: b.text });
    });
  }
  return out;
}
