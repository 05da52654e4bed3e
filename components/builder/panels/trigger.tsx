"use client";

import { useTranslations } from "next-intl";
import { Controller, useWatch } from "react-hook-form";
import { TRIGGER_KINDS, triggerConfig } from "@/lib/flow/nodes/trigger";
import { ChipsInput, inputClass, PanelField, SectionTitle } from "./fields";
import { RuleList } from "./rule-list";
import type { PanelProps } from "./types";
import { useConfigForm } from "./use-config-form";
import { WebhookTriggerSection } from "./webhook-trigger";
import { cn } from "@/lib/ui/cn";

export function TriggerPanel({ nodeId, config, readOnly }: PanelProps<"trigger">) {
  const t = useTranslations("builder.panels.trigger");
  const tk = useTranslations("builder.triggerKinds");
  const { form, edit } = useConfigForm(nodeId, triggerConfig, config);
  const kind = useWatch({ control: form.control, name: "kind" });
  const { errors } = form.formState;

  return (
    <fieldset disabled={readOnly} className="space-y-3">
      <PanelField id="trigger-kind" label={t("kind")}>
        <select id="trigger-kind" className={cn(inputClass, "h-9")} {...form.register("kind")}>
          {TRIGGER_KINDS.map((k) => (
            <option key={k} value={k}>
              {tk(k)}
            </option>
          ))}
        </select>
      </PanelField>
      <p className="text-xs text-slate-500">{t(`kindHelp.${kind}`)}</p>

      {kind === "event" ? (
        <>
          <PanelField
            id="trigger-event"
            label={t("eventName")}
            hint={t("eventNameHint")}
            error={errors.eventName}
          >
            <input
              id="trigger-event"
              dir="ltr"
              placeholder="order.shipped"
              aria-invalid={Boolean(errors.eventName)}
              className={cn(inputClass, "h-9 font-mono")}
              {...form.register("eventName")}
            />
          </PanelField>
          <SectionTitle>{t("filters")}</SectionTitle>
          <p className="text-xs text-slate-500">{t("filtersHint")}</p>
          <Controller
            control={form.control}
            name="filter"
            render={({ field }) => (
              <RuleList
                idPrefix="trigger-filter"
                withReply={false}
                rules={field.value}
                disabled={readOnly}
                onChange={(rules, fieldKey) => edit("filter", rules, fieldKey)}
              />
            )}
          />
        </>
      ) : null}

      {kind === "keyword" ? (
        <>
          <PanelField id="trigger-keywords" label={t("keywords")} hint={t("keywordsHint")}>
            <Controller
              control={form.control}
              name="keywords"
              render={({ field }) => (
                <ChipsInput
                  id="trigger-keywords"
                  values={field.value}
                  disabled={readOnly}
                  placeholder={t("keywordsPlaceholder")}
                  removeLabel={(v) => t("removeKeyword", { keyword: v })}
                  onChange={(values) => edit("keywords", values)}
                />
              )}
            />
          </PanelField>
          <PanelField id="trigger-keyword-match" label={t("keywordMatch")}>
            <select
              id="trigger-keyword-match"
              className={cn(inputClass, "h-9")}
              {...form.register("keywordMatch")}
            >
              <option value="exact">{t("keywordMatchOptions.exact")}</option>
              <option value="starts_with">{t("keywordMatchOptions.starts_with")}</option>
              <option value="contains">{t("keywordMatchOptions.contains")}</option>
            </select>
          </PanelField>
        </>
      ) : null}

      {kind === "webhook" ? <WebhookTriggerSection nodeId={nodeId} form={form} readOnly={readOnly} /> : null}
    </fieldset>
  );
}
