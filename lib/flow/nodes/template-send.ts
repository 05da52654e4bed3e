import { z } from "zod";
import { templateVariables, type TemplateSummary } from "../../whatsapp/template";
import { expressionFindings } from "../checks";
import { sendOutcome } from "../engine-content";
import { stepFailure } from "../engine-failures";
import type { NodeStep, StepResult } from "../engine-types";
import { finding } from "../findings";
import { findExpressions, render } from "../interpolate";
import type { FlowNodeOf } from "../schema";
import type { Finding, HandleSpec, NodeCheckContext } from "../types";

/**
 * Sends an approved template. `variables` maps every TemplateVariable key (lib/whatsapp/template.ts:
 * `body.1`, `header.media`, `button.0`, `payload.1` …) to a literal or a `{{event.…}}` / `{{contact.…}}` /
 * `{{reply.…}}` expression.
 */
export const templateSendConfig = z.object({
  templateName: z.string().max(512).default(""),
  language: z.string().max(15).default(""),
  variables: z.record(z.string().max(100), z.string().max(1024)).default({}),
});
export type TemplateSendConfig = z.infer<typeof templateSendConfig>;

export const templateSendHandles = (): HandleSpec[] => [
  { id: "sent", required: false },
  { id: "failed", required: false },
];

/** The workspace template a template-send names (same name and language), if any. */
export function findTemplate(
  templates: readonly TemplateSummary[],
  name: string,
  language: string,
): TemplateSummary | undefined {
  return templates.find((t) => t.name === name && t.language === language);
}

/** Node-level rules (config completeness, templates, limits). Graph-wide rules live in ../validate.ts. */
export function validateTemplateSend(node: FlowNodeOf<"template-send">, ctx: NodeCheckContext): Finding[] {
  const { config } = node;
  const at = { nodeId: node.id };
  const name = config.templateName.trim();
  const language = config.language.trim();
  if (name === "" || language === "") return [finding("template.not_chosen", at)];

  const out: Finding[] = [];
  for (const [key, value] of Object.entries(config.variables)) {
    out.push(...expressionFindings(value, node.id, key));
  }

  const template = findTemplate(ctx.templates, name, language);
  if (!template) {
    const languages = ctx.templates.filter((t) => t.name === name).map((t) => t.language);
    out.unshift(
      languages.length > 0
        ? finding("template.language_unavailable", at, {
            template: name,
            language,
            languages: languages.join(", "),
          })
        : finding("template.not_found", at, { template: name, language }),
    );
    return out;
  }

  // Meta refuses sends of any template that is not APPROVED (132015 paused, 132016 disabled).
  if (template.status === "PAUSED") out.push(finding("template.paused", at, { template: name }));
  else if (template.status === "DISABLED") out.push(finding("template.disabled", at, { template: name }));
  else if (template.status !== "APPROVED") {
    out.push(finding("template.not_approved", at, { template: name, status: template.status }));
  }

  const variables = templateVariables(template.components);
  const known = new Set(variables.map((v) => v.key));
  for (const variable of variables) {
    const value = config.variables[variable.key]?.trim() ?? "";
    if (variable.required && value === "") {
      out.push(finding("template.variable_unmapped", at, { variable: variable.key, label: variable.label }));
    } else if (variable.kind === "header-media" && value !== "" && !isMediaLink(value)) {
      out.push(finding("template.media_url_invalid", at, { value }));
    }
  }
  for (const [key, value] of Object.entries(config.variables)) {
    if (!known.has(key) && value.trim() !== "") {
      out.push(finding("template.variable_unknown", at, { variable: key, template: name }));
    }
  }
  return out;
}

/** A header media link is an https URL, or comes from the context (checked again at run time). */
function isMediaLink(value: string): boolean {
  if (findExpressions(value).length > 0) return true;
  return /^https?:\/\/\S+$/i.test(value);
}

/**
 * Sends the template if it is APPROVED at this moment (a template paused since publishing leaves through
 * `failed`, or fails the run when that is not connected), with every variable the template needs filled
 * from the run's scope. Mappings for keys the template does not have are ignored (the validator warns);
 * a quick-reply payload left blank is omitted (the payload builder defaults it to the button text).
 */
export const templateSendStep: NodeStep<"template-send"> = {
  enter(node, ctx): StepResult {
    const name = node.config.templateName.trim();
    const language = node.config.language.trim();
    const template = findTemplate(ctx.templates, name, language);
    if (!template || template.status !== "APPROVED") {
      return {
        type: "continue",
        handle: "failed",
        failure: stepFailure("template_unavailable", {
          template: name,
          language,
          status: template?.status ?? null,
        }),
      };
    }
    const values: Record<string, string> = {};
    for (const variable of templateVariables(template.components)) {
      const mapping = node.config.variables[variable.key] ?? "";
      if (mapping.trim() === "") {
        if (!variable.required) continue;
        return { type: "fail", failure: stepFailure("variable_unmapped", { field: variable.key }) };
      }
      const rendered = render(mapping, ctx.scope);
      if (rendered.missing.length > 0) {
        return {
          type: "fail",
          failure: stepFailure("missing_variable", {
            field: variable.key,
            expression: mapping,
            paths: rendered.missing,
          }),
        };
      }
      if (rendered.text.trim() === "") {
        if (!variable.required) continue;
        return {
          type: "fail",
          failure: stepFailure("empty_variable", { field: variable.key, expression: mapping }),
        };
      }
      values[variable.key] = rendered.text;
    }
    return {
      type: "effect",
      effect: {
        type: "send",
        content: { type: "template", name: template.name, language: template.language, values },
        marketing: template.category === "MARKETING",
        purpose: "message",
      },
    };
  },
  resume: (_node, input) => sendOutcome(input),
};
