"use client";

import { useTranslations } from "next-intl";
import { Controller } from "react-hook-form";
import { conditionConfig } from "@/lib/flow/nodes/condition";
import { inputClass, PanelField, SectionTitle } from "./fields";
import { RuleList } from "./rule-list";
import type { PanelProps } from "./types";
import { useConfigForm } from "./use-config-form";
import { cn } from "@/lib/ui/cn";

export function ConditionPanel({ nodeId, config, readOnly }: PanelProps<"condition">) {
  const t = useTranslations("builder.panels.condition");
  const tm = useTranslations("builder.match");
  const { form, edit } = useConfigForm(nodeId, conditionConfig, config);
  return (
    <fieldset disabled={readOnly} className="space-y-3">
      <PanelField id="condition-match" label={t("match")} hint={t("matchHint")}>
        <select id="condition-match" className={cn(inputClass, "h-9")} {...form.register("match")}>
          <option value="all">{tm("all")}</option>
          <option value="any">{tm("any")}</option>
        </select>
      </PanelField>
      <SectionTitle>{t("rules")}</SectionTitle>
      <Controller
        control={form.control}
        name="rules"
        render={({ field }) => (
          <RuleList
            idPrefix="condition"
            rules={field.value}
            disabled={readOnly}
            onChange={(rules, fieldKey) => edit("rules", rules, fieldKey)}
          />
        )}
      />
      <p className="rounded-md bg-slate-50 p-2 text-xs text-slate-500">{t("help")}</p>
    </fieldset>
  );
}
