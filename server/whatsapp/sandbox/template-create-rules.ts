import {
  TEMPLATE_CATEGORIES,
  placeholdersIn,
  templateComponentSchema,
  type TemplateCategory,
  type TemplateComponent,
} from "../../../lib/whatsapp/template";
import { GraphFailure, invalidParam, missingParam } from "./meta-errors";
import { isHttpUrl, isRecord, lengthOf, type Json } from "./send-rules";

/**
 * POST /{waba-id}/message_templates bodies (../shared/WHATSAPP.md, "Templates"): name `[a-z0-9_]` ≤ 512,
 * category, language, parameter_format, and components with Meta's limits and required examples.
 */

export interface NewTemplate {
  name: string;
  language: string;
  category: TemplateCategory;
  parameterFormat: "positional" | "named";
  components: TemplateComponent[];
}

const isCategory = (value: string): value is TemplateCategory =>
  (TEMPLATE_CATEGORIES as readonly string[]).includes(value);

function componentError(details: string): GraphFailure {
  return new GraphFailure(400, 100, "Invalid parameter", details, { subcode: 2388043 });
}

export function parseNewTemplate(body: Json): NewTemplate {
  const { name, category, language } = body;
  if (name === undefined) throw missingParam("name");
  if (typeof name !== "string" || !/^[a-z0-9_]{1,512}$/.test(name))
    throw invalidParam(
      "name",
      "must contain only lowercase letters, digits and underscores, at most 512 characters.",
    );
  if (category === undefined) throw missingParam("category");
  if (typeof category !== "string" || !isCategory(category))
    throw invalidParam(
      "category",
      `must be one of {${TEMPLATE_CATEGORIES.join(", ")}} - got "${String(category)}".`,
    );
  if (language === undefined) throw missingParam("language");
  if (typeof language !== "string" || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language))
    throw invalidParam(
      "language",
      `must be a supported language code such as en_US or ar - got "${String(language)}".`,
    );
  const format = body.parameter_format ?? "positional";
  if (typeof format !== "string" || !["positional", "named"].includes(format.toLowerCase()))
    throw invalidParam("parameter_format", `must be one of {POSITIONAL, NAMED} - got "${String(format)}".`);
  const parameterFormat = format.toLowerCase() === "named" ? "named" : "positional";

  const raw = body.components;
  if (raw === undefined) throw missingParam("components");
  if (!Array.isArray(raw) || raw.length === 0) throw invalidParam("components", "must be a non-empty array.");
  const seen = new Set<string>();
  const components = raw.map((component, i) => {
    if (!isRecord(component) || typeof component.type !== "string")
      throw invalidParam(`components[${i}]['type']`, "must be one of {HEADER, BODY, FOOTER, BUTTONS}.");
    const type = component.type.toUpperCase();
    if (seen.has(type)) throw componentError(`Only one ${type} component is allowed`);
    seen.add(type);
    const normalized: Json = { ...component, type };
    if (typeof component.format === "string") normalized.format = component.format.toUpperCase();
    if (Array.isArray(component.buttons))
      normalized.buttons = component.buttons.map((b) =>
        isRecord(b) && typeof b.type === "string" ? { ...b, type: b.type.toUpperCase() } : b,
      );
    checkComponent(normalized, parameterFormat);
    const parsed = templateComponentSchema.safeParse(normalized);
    if (!parsed.success) throw invalidParam(`components[${i}]`, `is not a valid ${type} component.`);
    return parsed.data;
  });
  if (!seen.has("BODY"))
    throw componentError("Message template 'components' param is missing expected field(s): BODY");
  return { name, language, category, parameterFormat, components };
}

function checkComponent(component: Json, format: "positional" | "named"): void {
  switch (component.type) {
    case "BODY":
      return checkTemplateText("BODY", component, 1024, format);
    case "HEADER":
      return checkHeader(component, format);
    case "FOOTER":
      if (typeof component.text !== "string" || lengthOf(component.text) < 1 || lengthOf(component.text) > 60)
        throw componentError("FOOTER text must be 1 to 60 characters");
      if (placeholdersIn(component.text).length > 0)
        throw componentError("FOOTER text cannot contain variables");
      return;
    case "BUTTONS":
      return checkButtons(component);
    default:
      throw invalidParam(
        "components['type']",
        `must be one of {HEADER, BODY, FOOTER, BUTTONS} - got "${String(component.type)}".`,
      );
  }
}

/** Variables: positional ones are {{1}}…{{n}} without gaps, named ones lowercase; examples are required. */
function checkTemplateText(
  part: "BODY" | "HEADER",
  component: Json,
  max: number,
  format: "positional" | "named",
): void {
  const text = component.text;
  if (typeof text !== "string" || lengthOf(text) < 1 || lengthOf(text) > max)
    throw componentError(`${part} text must be 1 to ${max} characters`);
  const names = placeholdersIn(text);
  if (part === "HEADER" && names.length > 1)
    throw componentError("HEADER text can contain at most one variable");
  if (names.length === 0) return;
  if (format === "positional") {
    const sequential =
      names.every((n) => /^\d+$/.test(n)) &&
      [...names]
        .map(Number)
        .sort((a, b) => a - b)
        .every((n, i) => n === i + 1);
    if (!sequential)
      throw componentError(`${part} variables must be {{1}}, {{2}}… in sequence for positional parameters`);
  } else if (!names.every((n) => /^[a-z_][a-z0-9_]*$/.test(n))) {
    throw componentError(
      `${part} variables must be lowercase names such as {{first_name}} for named parameters`,
    );
  }
  const example = component.example;
  const key = part === "BODY" ? "body_text" : "header_text";
  const examples = isRecord(example)
    ? format === "named"
      ? example[`${key}_named_params`]
      : example[key]
    : undefined;
  const count = !Array.isArray(examples)
    ? 0
    : format === "named"
      ? examples.filter(
          (e) => isRecord(e) && typeof e.param_name === "string" && names.includes(e.param_name),
        ).length
      : part === "BODY"
        ? Array.isArray(examples[0])
          ? examples[0].length
          : 0
        : examples.length;
  if (count !== names.length)
    throw componentError(
      `${part} has ${names.length} variable(s) but example.${format === "named" ? `${key}_named_params` : key} gives ${count}`,
    );
}

function checkHeader(component: Json, format: "positional" | "named"): void {
  const formats = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"];
  if (typeof component.format !== "string" || !formats.includes(component.format))
    throw invalidParam("components['format']", `must be one of {${formats.join(", ")}}.`);
  if (component.format === "TEXT") return checkTemplateText("HEADER", component, 60, format);
  if (component.format === "LOCATION") return;
  const example = component.example;
  const handles = isRecord(example) ? example.header_handle : undefined;
  if (!Array.isArray(handles) || handles.length === 0 || typeof handles[0] !== "string")
    throw componentError(`HEADER ${component.format} needs example.header_handle`);
}

function checkButtons(component: Json): void {
  const buttons = component.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 10)
    throw componentError("BUTTONS must hold 1 to 10 buttons");
  const count = (type: string) => buttons.filter((b) => isRecord(b) && b.type === type).length;
  if (count("URL") > 2) throw componentError("BUTTONS can hold at most 2 URL buttons");
  if (count("PHONE_NUMBER") > 1) throw componentError("BUTTONS can hold at most 1 PHONE_NUMBER button");
  for (const button of buttons) {
    if (!isRecord(button)) throw componentError("each button must be an object");
    if (button.type === "COPY_CODE") continue;
    if (typeof button.text !== "string" || lengthOf(button.text) < 1 || lengthOf(button.text) > 25)
      throw componentError("Button text must be 1 to 25 characters");
    if (button.type === "URL") {
      const url = button.url;
      if (typeof url !== "string" || !isHttpUrl(url.replace(/\{\{\s*1\s*\}\}$/, "x")))
        throw componentError("URL button needs a valid http(s) url");
      const names = placeholdersIn(url);
      if (names.length > 1 || (names.length === 1 && !/\{\{\s*1\s*\}\}$/.test(url)))
        throw componentError("URL button url can only end with one variable {{1}}");
      if (names.length === 1 && !(Array.isArray(button.example) && typeof button.example[0] === "string"))
        throw componentError("URL button with a variable needs an example");
    } else if (button.type === "PHONE_NUMBER") {
      if (typeof button.phone_number !== "string" || !/^\+?\d{8,15}$/.test(button.phone_number))
        throw componentError("PHONE_NUMBER button needs a phone_number");
    } else if (button.type !== "QUICK_REPLY") {
      throw componentError(`Unsupported button type ${String(button.type)}`);
    }
  }
}
