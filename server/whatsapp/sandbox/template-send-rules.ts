import { placeholdersIn } from "../../../lib/whatsapp/template";
import { GraphFailure, invalidParam, invalidValue, templateParamCount } from "./meta-errors";
import { checkMedia, isRecord, lengthOf, type Json } from "./send-rules";
import type { TemplateRecord } from "./store";

/**
 * A template send checked against the stored template, as Meta does (../shared/WHATSAPP.md, "Errors"):
 * unknown name or language, or not approved → 132001; paused → 132015; disabled → 132016; wrong number
 * of header/body/button parameters, or named vs positional mismatch → 132000.
 */

export function findSendableTemplate(
  templates: TemplateRecord[],
  name: string,
  languageCode: string,
): TemplateRecord {
  const template = templates.find((t) => t.name === name && t.language === languageCode);
  const missing = new GraphFailure(
    404,
    132001,
    "Template name does not exist in the translation",
    `template name (${name}) does not exist in ${languageCode}`,
  );
  if (!template) throw missing;
  if (template.status === "PAUSED")
    throw new GraphFailure(400, 132015, "Template is Paused", `Template ${name} is paused`);
  if (template.status === "DISABLED")
    throw new GraphFailure(400, 132016, "Template is disabled", `Template ${name} is disabled`);
  if (template.status !== "APPROVED") throw missing;
  return template;
}

interface SentComponents {
  header?: { params: unknown[]; at: number };
  body?: { params: unknown[]; at: number };
  buttons: Map<number, { subType: string; params: unknown[]; at: number }>;
}

function collect(components: unknown[]): SentComponents {
  const found: SentComponents = { buttons: new Map() };
  for (const [at, component] of components.entries()) {
    const where = `template['components'][${at}]`;
    if (!isRecord(component)) throw invalidParam(where, "must be an object.");
    const type = typeof component.type === "string" ? component.type.toLowerCase() : undefined;
    const params = component.parameters ?? [];
    if (!Array.isArray(params)) throw invalidParam(`${where}['parameters']`, "must be an array.");
    if (type === "header" || type === "body") {
      if (found[type])
        throw invalidParam(`${where}['type']`, `must not repeat the ${type.toUpperCase()} component.`);
      found[type] = { params, at };
    } else if (type === "button") {
      const index = Number(component.index);
      if (
        component.index === undefined ||
        component.index === "" ||
        !Number.isInteger(index) ||
        index < 0 ||
        index > 9
      )
        throw invalidParam(`${where}['index']`, "must be an integer between 0 and 9.");
      if (found.buttons.has(index))
        throw invalidParam(`${where}['index']`, `must not repeat button index ${index}.`);
      if (typeof component.sub_type !== "string")
        throw invalidParam(`${where}['sub_type']`, "must be one of {QUICK_REPLY, URL, COPY_CODE}.");
      found.buttons.set(index, { subType: component.sub_type.toLowerCase(), params, at });
    } else {
      throw invalidParam(`${where}['type']`, "must be one of {HEADER, BODY, BUTTON}.");
    }
  }
  return found;
}

/** Throws Meta's error for the first problem in the components of a send. */
export function checkTemplateParameters(template: TemplateRecord, components: unknown[]): void {
  const sent = collect(components);
  checkHeader(template, sent.header);
  const body = template.components.find((c) => c.type === "BODY");
  const filled = checkTextParams(template, "body", body?.text, sent.body);
  if (lengthOf(filled) > 1024)
    throw new GraphFailure(
      400,
      132005,
      "Translated text too long",
      "body: text is longer than 1024 characters once the parameters are filled in",
    );
  checkButtons(template, sent.buttons);
}

function checkHeader(template: TemplateRecord, sent: SentComponents["header"]): void {
  const header = template.components.find((c) => c.type === "HEADER");
  if (!header || header.format === "TEXT") {
    checkTextParams(template, "header", header?.text, sent);
    return;
  }
  const got = sent?.params.length ?? 0;
  if (got !== 1) throw templateParamCount("header", got, 1);
  const param = sent?.params[0];
  const expected = header.format.toLowerCase();
  if (!isRecord(param) || param.type !== expected)
    throw new GraphFailure(
      400,
      132012,
      "Parameter format does not match format in the created template",
      `header: Format mismatch, expected ${header.format}, received ${isRecord(param) ? String(param.type).toUpperCase() : "nothing"}`,
    );
  const media = param[expected];
  const where = `template['components'][${sent?.at ?? 0}]['parameters'][0]['${expected}']`;
  if (!isRecord(media)) throw invalidParam(where, "must be an object.");
  if (expected === "location") {
    if (typeof media.latitude !== "number" && typeof media.latitude !== "string")
      throw invalidParam(`${where}['latitude']`, "is required.");
    if (typeof media.longitude !== "number" && typeof media.longitude !== "string")
      throw invalidParam(`${where}['longitude']`, "is required.");
  } else {
    checkMedia(where, media);
  }
}

/** Header text and body: count, named vs positional, and each value. Returns the text filled in. */
function checkTextParams(
  template: TemplateRecord,
  part: "header" | "body",
  text: string | undefined,
  sent: { params: unknown[]; at: number } | undefined,
): string {
  const names = placeholdersIn(text);
  const params = sent?.params ?? [];
  if (params.length !== names.length) throw templateParamCount(part, params.length, names.length);
  const values = new Map<string, string>();
  const named = template.parameterFormat === "named";
  for (const [i, param] of params.entries()) {
    const where = `template['components'][${sent?.at ?? 0}]['parameters'][${i}]`;
    if (!isRecord(param)) throw invalidParam(where, "must be an object.");
    const name = param.parameter_name;
    if (named && typeof name !== "string")
      throw new GraphFailure(
        400,
        132000,
        "Number of parameters does not match the expected number of params",
        `${part}: parameter ${i + 1} has no parameter_name, and template ${template.name} uses named parameters`,
      );
    if (!named && name !== undefined)
      throw new GraphFailure(
        400,
        132000,
        "Number of parameters does not match the expected number of params",
        `${part}: parameter_name is not expected, template ${template.name} uses positional parameters`,
      );
    const key = named ? String(name) : String(i + 1);
    if (!names.includes(key) || values.has(key))
      throw new GraphFailure(
        400,
        132000,
        "Number of parameters does not match the expected number of params",
        `${part}: parameter "${key}" is not a parameter of template ${template.name} (expected ${names.join(", ")})`,
      );
    values.set(key, parameterText(param, where));
  }
  return (text ?? "").replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, key: string) => values.get(key) ?? "");
}

function parameterText(param: Json, where: string): string {
  switch (param.type) {
    case "text": {
      if (typeof param.text !== "string" || param.text === "")
        throw new GraphFailure(400, 131008, "Required parameter is missing", `${where}['text'] is required`);
      // A documented Meta rule that bites real senders: no line breaks, tabs or runs of 5+ spaces in a value.
      if (/[\n\t]| {5,}/.test(param.text))
        throw new GraphFailure(
          400,
          132018,
          "There's an issue with the parameters in your template",
          "Param text cannot have new-line/tab characters or more than 4 consecutive spaces",
        );
      return param.text;
    }
    case "currency":
    case "date_time": {
      const value = param[param.type];
      if (!isRecord(value) || typeof value.fallback_value !== "string")
        throw invalidParam(`${where}['${param.type}']['fallback_value']`, "is required.");
      return value.fallback_value;
    }
    default:
      throw invalidParam(
        `${where}['type']`,
        `must be one of {TEXT, CURRENCY, DATE_TIME} - got "${String(param.type)}".`,
      );
  }
}

function checkButtons(template: TemplateRecord, sent: SentComponents["buttons"]): void {
  const buttons = template.components.flatMap((c) => (c.type === "BUTTONS" ? c.buttons : []));
  for (const [index, button] of sent) {
    const stored = buttons[index];
    if (!stored) throw invalidValue(`Button at index ${index} does not exist in template ${template.name}`);
    const expected = stored.type.toLowerCase();
    if (button.subType !== expected)
      throw invalidValue(
        `Button at index ${index} is a ${stored.type} button, not ${button.subType.toUpperCase()}`,
      );
    const where = `template['components'][${button.at}]['parameters']`;
    if (stored.type === "QUICK_REPLY") {
      if (button.params.length !== 1) throw templateParamCount("buttons", button.params.length, 1);
      const param = button.params[0];
      if (
        !isRecord(param) ||
        param.type !== "payload" ||
        typeof param.payload !== "string" ||
        lengthOf(param.payload) > 256
      )
        throw invalidParam(
          `${where}[0]`,
          "must be {type: payload, payload: string of at most 256 characters}.",
        );
    } else if (stored.type === "URL") {
      const expectedCount = placeholdersIn(stored.url).length;
      if (button.params.length !== expectedCount)
        throw templateParamCount("buttons", button.params.length, expectedCount);
      const param = button.params[0];
      if (
        expectedCount > 0 &&
        (!isRecord(param) || param.type !== "text" || typeof param.text !== "string" || param.text === "")
      )
        throw invalidParam(`${where}[0]`, "must be {type: text, text: the URL suffix}.");
    } else if (stored.type === "COPY_CODE") {
      const param = button.params[0];
      if (
        button.params.length !== 1 ||
        !isRecord(param) ||
        param.type !== "coupon_code" ||
        typeof param.coupon_code !== "string"
      )
        throw templateParamCount("buttons", button.params.length, 1);
    } else if (button.params.length > 0) {
      throw templateParamCount("buttons", button.params.length, 0);
    }
  }
  // A URL button with a variable needs its suffix in every send.
  buttons.forEach((stored, index) => {
    if (stored.type === "URL" && placeholdersIn(stored.url).length > 0 && !sent.has(index))
      throw templateParamCount("buttons", 0, 1);
  });
}
