"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { delayConfig } from "@/lib/flow/nodes/delay";
import { minutesText } from "../describe";
import { inputClass, PanelField } from "./fields";
import type { PanelProps } from "./types";
import { useConfigForm } from "./use-config-form";
import { cn } from "@/lib/ui/cn";

export function DelayPanel({ nodeId, config, readOnly }: PanelProps<"delay">) {
  const t = useTranslations("builder.panels.delay");
  const tb = useTranslations("builder");
  const tu = useTranslations("builder.units");
  const { form } = useConfigForm(nodeId, delayConfig, config);
  const mode = useWatch({ control: form.control, name: "mode" });
  const offset = useWatch({ control: form.control, name: "offsetMinutes" });
  const { errors } = form.formState;

  return (
    <fieldset disabled={readOnly} className="space-y-3">
      <div
        role="radiogroup"
        aria-label={t("mode")}
        className="grid grid-cols-2 gap-1 rounded-lg bg-slate-100 p-1"
      >
        {(["duration", "until"] as const).map((m) => (
          <label
            key={m}
            className="flex cursor-pointer items-center justify-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-600 has-[:checked]:bg-white has-[:checked]:text-slate-900 has-[:checked]:shadow-xs has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
          >
            <input type="radio" value={m} className="sr-only" {...form.register("mode")} />
            {t(`modes.${m}`)}
          </label>
        ))}
      </div>

      {mode === "duration" ? (
        <div className="flex gap-2">
          <PanelField
            id="delay-amount"
            label={t("amount")}
            error={errors.duration?.amount}
            className="flex-1"
          >
            <input
              id="delay-amount"
              type="number"
              min={1}
              step={1}
              aria-invalid={Boolean(errors.duration?.amount)}
              className={cn(inputClass, "h-9")}
              {...form.register("duration.amount", { valueAsNumber: true })}
            />
          </PanelField>
          <PanelField id="delay-unit" label={t("unit")} className="flex-1">
            <select id="delay-unit" className={cn(inputClass, "h-9")} {...form.register("duration.unit")}>
              <option value="minutes">{tu("minutes")}</option>
              <option value="hours">{tu("hours")}</option>
              <option value="days">{tu("days")}</option>
            </select>
          </PanelField>
        </div>
      ) : (
        <>
          <PanelField
            id="delay-until"
            label={t("untilPath")}
            hint={t("untilPathHint")}
            error={errors.untilPath}
          >
            <input
              id="delay-until"
              dir="ltr"
              placeholder="event.appointment.at"
              aria-invalid={Boolean(errors.untilPath)}
              className={cn(inputClass, "h-9 font-mono")}
              {...form.register("untilPath")}
            />
          </PanelField>
          <PanelField
            id="delay-offset"
            label={t("offset")}
            error={errors.offsetMinutes}
            hint={
              Number.isFinite(offset) && offset > 0
                ? t("offsetHintValue", { duration: minutesText(tb, offset) })
                : t("offsetHint")
            }
          >
            <input
              id="delay-offset"
              type="number"
              min={0}
              step={15}
              aria-invalid={Boolean(errors.offsetMinutes)}
              className={cn(inputClass, "h-9")}
              {...form.register("offsetMinutes", { valueAsNumber: true })}
            />
          </PanelField>
        </>
      )}
    </fieldset>
  );
}
