"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { useWatch } from "react-hook-form";
import { useWorkspace } from "@/components/shell/workspace-context";
import { templateSendConfig } from "@/lib/flow/nodes/template-send";
import { templateVariables, type TemplateVariable } from "@/lib/whatsapp/template";
import { findTemplate, useWorkspaceTemplates, type WorkspaceTemplate } from "../templates";
import { InsertVariableMenu, insertAtCaret, inputClass, PanelField, SectionTitle } from "./fields";
import { TemplatePreview } from "./template-preview";
import type { PanelProps } from "./types";
import { useConfigForm } from "./use-config-form";
import { cn } from "@/lib/ui/cn";

function optionValue(name: string, language: string): string {
  return `${name}|${language}`;
}

function byUsability(a: WorkspaceTemplate, b: WorkspaceTemplate): number {
  const rank = (t: WorkspaceTemplate) => (t.status === "APPROVED" ? 0 : 1);
  return rank(a) - rank(b) || a.name.localeCompare(b.name) || a.language.localeCompare(b.language);
}

export function TemplateSendPanel({ nodeId, config, readOnly }: PanelProps<"template-send">) {
  const t = useTranslations("builder.panels.templateSend");
  const ts = useTranslations("builder.templateStatus");
  const workspace = useWorkspace();
  const { form, edit } = useConfigForm(nodeId, templateSendConfig, config);
  const templates = useWorkspaceTemplates();
  const name = useWatch({ control: form.control, name: "templateName" });
  const language = useWatch({ control: form.control, name: "language" });
  const variables = useWatch({ control: form.control, name: "variables" }) ?? {};
  const inputs = useRef(new Map<string, HTMLInputElement>());

  const selected = findTemplate(templates.data, name, language);
  const wanted: TemplateVariable[] = selected ? templateVariables(selected.components) : [];
  const sorted = [...(templates.data ?? [])].sort(byUsability);
  const current = name ? optionValue(name, language) : "";
  const missing = Boolean(name) && !templates.isPending && !selected;

  function choose(value: string) {
    const [nextName = "", nextLanguage = ""] = value.split("|");
    const template = findTemplate(templates.data, nextName, nextLanguage);
    const keys = new Set(template ? templateVariables(template.components).map((v) => v.key) : []);
    const kept = Object.fromEntries(Object.entries(variables).filter(([k]) => keys.has(k)));
    edit("templateName", nextName);
    edit("language", nextLanguage);
    edit("variables", kept);
  }

  function setVariable(key: string, value: string) {
    const next = { ...variables };
    if (value === "") delete next[key];
    else next[key] = value;
    edit("variables", next, `variables.${key}`);
  }

  function insert(key: string, expression: string) {
    const element = inputs.current.get(key) ?? null;
    const { value, caret } = insertAtCaret(element, variables[key] ?? "", expression);
    const next = { ...variables, [key]: value };
    edit("variables", next);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(caret, caret);
    });
  }

  return (
    <fieldset disabled={readOnly} className="space-y-3">
      <PanelField
        id="tpl-template"
        label={t("template")}
        hint={
          templates.isError ? (
            <span className="text-red-600">{t("loadFailed")}</span>
          ) : templates.data?.length === 0 ? (
            <>
              {t("noTemplates")}{" "}
              <Link href={`/w/${workspace.slug}/templates`} className="font-medium text-brand-700 underline">
                {t("manageTemplates")}
              </Link>
            </>
          ) : (
            t("templateHint")
          )
        }
      >
        <select
          id="tpl-template"
          value={current}
          disabled={readOnly || templates.isPending}
          onChange={(e) => choose(e.target.value)}
          className={cn(inputClass, "h-9")}
        >
          <option value="">{templates.isPending ? t("loading") : t("choose")}</option>
          {missing ? (
            <option value={current} disabled>
              {t("missingOption", { name, language })}
            </option>
          ) : null}
          {sorted.map((tpl) => (
            <option
              key={tpl.id}
              value={optionValue(tpl.name, tpl.language)}
              disabled={tpl.status !== "APPROVED"}
            >
              {tpl.name} ({tpl.language})
              {tpl.status !== "APPROVED" ? ` — ${ts.has(tpl.status) ? ts(tpl.status) : tpl.status}` : ""}
            </option>
          ))}
        </select>
      </PanelField>

      {selected ? (
        <>
          <p className="flex flex-wrap gap-1.5 text-[11px]">
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-600">
              {selected.category}
            </span>
            <span
              className={
                selected.status === "APPROVED"
                  ? "rounded bg-emerald-50 px-1.5 py-0.5 font-medium text-emerald-700"
                  : "rounded bg-amber-50 px-1.5 py-0.5 font-medium text-amber-700"
              }
            >
              {ts.has(selected.status) ? ts(selected.status) : selected.status}
            </span>
          </p>
          <TemplatePreview
            components={selected.components}
            variables={variables}
            language={selected.language}
          />

          <SectionTitle>{t("variables")}</SectionTitle>
          {wanted.length === 0 ? <p className="text-xs text-slate-500">{t("noVariables")}</p> : null}
          {wanted.map((v) => {
            const id = `tpl-var-${v.key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
            return (
              <PanelField
                key={v.key}
                id={id}
                label={
                  t(`variableKinds.${v.kind}`, { label: v.label }) + (v.required ? "" : ` ${t("optional")}`)
                }
                hint={
                  v.kind === "header-media"
                    ? t("mediaHint")
                    : v.kind === "quick-reply-payload"
                      ? t("payloadHint")
                      : undefined
                }
              >
                <div className="flex gap-1.5">
                  <input
                    id={id}
                    ref={(el) => {
                      if (el) inputs.current.set(v.key, el);
                      else inputs.current.delete(v.key);
                    }}
                    value={variables[v.key] ?? ""}
                    onChange={(e) => setVariable(v.key, e.target.value)}
                    maxLength={1024}
                    dir="auto"
                    placeholder={v.kind === "header-media" ? "https://…" : "{{contact.name}}"}
                    aria-invalid={v.required && !(variables[v.key] ?? "").trim()}
                    className={cn(inputClass, "h-9")}
                  />
                  <InsertVariableMenu
                    fieldLabelId={`${id}-label`}
                    disabled={readOnly}
                    onInsert={(expr) => insert(v.key, expr)}
                  />
                </div>
              </PanelField>
            );
          })}
        </>
      ) : null}
    </fieldset>
  );
}
