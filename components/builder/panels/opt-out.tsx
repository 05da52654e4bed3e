"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { optOutConfig } from "@/lib/flow/nodes/opt-out";
import { inputClass, PanelField } from "./fields";
import type { PanelProps } from "./types";
import { useConfigForm } from "./use-config-form";
import { cn } from "@/lib/ui/cn";

const CONFIRMATION_MAX = 1024;

export function OptOutPanel({ nodeId, config, readOnly }: PanelProps<"opt-out">) {
  const t = useTranslations("builder.panels.optOut");
  const { form } = useConfigForm(nodeId, optOutConfig, config);
  const text = useWatch({ control: form.control, name: "confirmationText" }) ?? "";
  const scope = useWatch({ control: form.control, name: "scope" });
  const { errors } = form.formState;
  return (
    <fieldset disabled={readOnly} className="space-y-3">
      <PanelField id="optout-scope" label={t("scope")}>
        <select id="optout-scope" className={cn(inputClass, "h-9")} {...form.register("scope")}>
          <option value="marketing">{t("scopes.marketing")}</option>
          <option value="all">{t("scopes.all")}</option>
        </select>
      </PanelField>
      <p className="text-xs text-slate-500">{t(`scopeHelp.${scope}`)}</p>
      <PanelField
        id="optout-confirmation"
        label={t("confirmation")}
        error={errors.confirmationText}
        hint={
          <span className="flex justify-between gap-2">
            <span>{t("confirmationHint")}</span>
            <span className="tabular-nums">
              {text.length}/{CONFIRMATION_MAX}
            </span>
          </span>
        }
      >
        <textarea
          id="optout-confirmation"
          rows={3}
          dir="auto"
          placeholder={t("confirmationPlaceholder")}
          aria-invalid={Boolean(errors.confirmationText)}
          className={cn(inputClass, "py-2")}
          {...form.register("confirmationText")}
        />
      </PanelField>
      <div className="flex items-start gap-2">
        <input
          id="optout-notify"
          type="checkbox"
          className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
          {...form.register("notifyWorkspace")}
        />
        <label htmlFor="optout-notify" className="text-sm text-slate-700">
          {t("notify")}
          <span className="block text-xs text-slate-500">{t("notifyHint")}</span>
        </label>
      </div>
    </fieldset>
  );
}
