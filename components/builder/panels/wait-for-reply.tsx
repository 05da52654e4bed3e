"use client";

import { ArrowDown, ArrowUp, Plus, Trash2, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { quickReplies } from "@/lib/whatsapp/template";
import {
  MAX_WAIT_MINUTES,
  TIMEOUT_HANDLE,
  waitForReplyConfig,
  type ReplyBranch,
} from "@/lib/flow/nodes/wait-for-reply";
import { branchLabel, minutesText } from "../describe";
import { newId } from "../graph";
import { useBuilderStore } from "../store";
import { findTemplate, useWorkspaceTemplates } from "../templates";
import { ChipsInput, IconButton, inputClass, PanelField, SectionTitle } from "./fields";
import type { PanelProps } from "./types";
import { useConfigForm } from "./use-config-form";
import { cn } from "@/lib/ui/cn";

const MAX_BRANCHES = 10;

/** "name|language" of each template-send leading straight into this wait (a primitive, so selectors stay cheap). */
function usePrecedingTemplateKeys(nodeId: string): string {
  return useBuilderStore((s) => {
    const keys: string[] = [];
    for (const e of s.edges) {
      if (e.target !== nodeId) continue;
      const source = s.nodes.find((n) => n.id === e.source);
      if (source?.type === "template-send" && source.data.config.templateName) {
        keys.push(`${source.data.config.templateName}|${source.data.config.language}`);
      }
    }
    return [...new Set(keys)].join("\n");
  });
}

function newBranch(kind: ReplyBranch["kind"], button = ""): ReplyBranch {
  let id = newId("b");
  if (id === TIMEOUT_HANDLE) id = newId("b");
  return { id, kind, label: "", button, keywords: [] };
}

export function WaitForReplyPanel({ nodeId, config, readOnly }: PanelProps<"wait-for-reply">) {
  const t = useTranslations("builder.panels.wait");
  const tb = useTranslations("builder");
  const tu = useTranslations("builder.units");
  const { form, edit } = useConfigForm(nodeId, waitForReplyConfig, config);
  const branches = useWatch({ control: form.control, name: "branches" }) ?? [];
  const amount = useWatch({ control: form.control, name: "timeout.amount" });
  const unit = useWatch({ control: form.control, name: "timeout.unit" });
  const { errors } = form.formState;
  const templates = useWorkspaceTemplates();

  const precedingKeys = usePrecedingTemplateKeys(nodeId);
  const buttons = precedingKeys
    .split("\n")
    .filter(Boolean)
    .flatMap((key) => {
      const [name = "", language = ""] = key.split("|");
      const template = findTemplate(templates.data, name, language);
      return template ? quickReplies(template.components).map((q) => q.text) : [];
    });
  const suggested = [...new Set(buttons)];
  const missing = suggested.filter((b) => !branches.some((br) => br.kind === "button" && br.button === b));

  const minutes = Number.isFinite(amount) ? (unit === "hours" ? amount * 60 : amount) : 0;
  const tooLong = minutes > MAX_WAIT_MINUTES;

  function setBranches(next: ReplyBranch[]) {
    edit("branches", next);
  }

  function move(index: number, by: -1 | 1) {
    const next = [...branches];
    const [moved] = next.splice(index, 1);
    if (!moved) return;
    next.splice(index + by, 0, moved);
    setBranches(next);
  }

  return (
    <fieldset disabled={readOnly} className="space-y-3">
      <SectionTitle>{t("timeout")}</SectionTitle>
      <div className="flex gap-2">
        <PanelField
          id="wait-timeout-amount"
          label={t("timeoutAmount")}
          error={errors.timeout?.amount}
          className="flex-1"
        >
          <input
            id="wait-timeout-amount"
            type="number"
            min={1}
            step={1}
            aria-invalid={Boolean(errors.timeout?.amount) || tooLong}
            className={cn(inputClass, "h-9")}
            {...form.register("timeout.amount", { valueAsNumber: true })}
          />
        </PanelField>
        <PanelField id="wait-timeout-unit" label={t("timeoutUnit")} className="flex-1">
          <select id="wait-timeout-unit" className={cn(inputClass, "h-9")} {...form.register("timeout.unit")}>
            <option value="minutes">{tu("minutes")}</option>
            <option value="hours">{tu("hours")}</option>
          </select>
        </PanelField>
      </div>
      <p className={tooLong ? "flex gap-1.5 text-xs text-amber-700" : "text-xs text-slate-500"}>
        {tooLong ? <TriangleAlert aria-hidden className="mt-px size-3.5 shrink-0" /> : null}
        {t("timeoutMax", { max: minutesText(tb, MAX_WAIT_MINUTES) })}
      </p>

      <SectionTitle>{t("branches")}</SectionTitle>
      <p className="text-xs text-slate-500">{t("branchesHint")}</p>

      {suggested.length > 0 ? (
        <datalist id="wait-button-suggestions">
          {suggested.map((b) => (
            <option key={b} value={b} />
          ))}
        </datalist>
      ) : null}
      {missing.length > 0 && branches.length < MAX_BRANCHES ? (
        <button
          type="button"
          onClick={() =>
            setBranches([
              ...branches,
              ...missing.slice(0, MAX_BRANCHES - branches.length).map((b) => newBranch("button", b)),
            ])
          }
          className="w-full rounded-md border border-dashed border-brand-500 bg-brand-50 px-2 py-1.5 text-start text-xs text-brand-700 hover:bg-brand-100"
        >
          {t("addTemplateButtons", { buttons: missing.join(" · ") })}
        </button>
      ) : null}

      <ol className="space-y-2">
        {branches.map((branch, index) => {
          const n = index + 1;
          const e = errors.branches?.[index];
          return (
            <li
              // Rows are keyed by position: the registered inputs follow their path when branches move.
              key={index}
              className="space-y-1.5 rounded-lg border border-slate-200 bg-slate-50/60 p-2"
              data-testid={`wait-branch-${index}`}
            >
              <div className="flex items-center gap-1">
                <span className="truncate text-xs font-medium text-slate-600" dir="auto">
                  {n}. {branchLabel(tb, branch, index)}
                </span>
                <span className="ms-auto" />
                <IconButton
                  label={t("moveUp", { n })}
                  disabled={readOnly || index === 0}
                  onClick={() => move(index, -1)}
                >
                  <ArrowUp aria-hidden className="size-3.5" />
                </IconButton>
                <IconButton
                  label={t("moveDown", { n })}
                  disabled={readOnly || index === branches.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <ArrowDown aria-hidden className="size-3.5" />
                </IconButton>
                <IconButton
                  label={t("remove", { n })}
                  tone="danger"
                  disabled={readOnly}
                  onClick={() => setBranches(branches.filter((_, i) => i !== index))}
                >
                  <Trash2 aria-hidden className="size-3.5" />
                </IconButton>
              </div>
              <div className="grid grid-cols-2 gap-1.5">
                <select
                  aria-label={t("kind", { n })}
                  className={cn(inputClass, "h-8 text-xs")}
                  {...form.register(`branches.${index}.kind`)}
                >
                  <option value="button">{tb("branchKinds.button")}</option>
                  <option value="keywords">{tb("branchKinds.keywords")}</option>
                  <option value="any_text">{tb("branchKinds.any_text")}</option>
                </select>
                <input
                  aria-label={t("label", { n })}
                  placeholder={t("labelPlaceholder")}
                  dir="auto"
                  maxLength={60}
                  aria-invalid={Boolean(e?.label)}
                  className={cn(inputClass, "h-8 text-xs")}
                  {...form.register(`branches.${index}.label`)}
                />
              </div>
              {branch.kind === "button" ? (
                <input
                  aria-label={t("button", { n })}
                  placeholder={suggested[0] ?? t("buttonPlaceholder")}
                  list={suggested.length > 0 ? "wait-button-suggestions" : undefined}
                  dir="auto"
                  maxLength={256}
                  aria-invalid={Boolean(e?.button)}
                  className={cn(inputClass, "h-8 text-xs")}
                  {...form.register(`branches.${index}.button`)}
                />
              ) : null}
              {branch.kind === "keywords" ? (
                <>
                  <ChipsInput
                    id={`wait-branch-${index}-keywords`}
                    values={branch.keywords}
                    disabled={readOnly}
                    placeholder={t("keywordsPlaceholder")}
                    removeLabel={(v) => t("removeKeyword", { keyword: v })}
                    onChange={(values) => edit(`branches.${index}.keywords`, values)}
                  />
                  <label htmlFor={`wait-branch-${index}-keywords`} className="sr-only">
                    {t("keywords", { n })}
                  </label>
                </>
              ) : null}
              {branch.kind === "any_text" ? (
                <p className="text-xs text-slate-500">{t("anyTextHint")}</p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap gap-1">
        {(["button", "keywords", "any_text"] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            disabled={readOnly || branches.length >= MAX_BRANCHES}
            onClick={() => setBranches([...branches, newBranch(kind)])}
            className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-50"
          >
            <Plus aria-hidden className="size-4" />
            {t(`add.${kind}`)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
