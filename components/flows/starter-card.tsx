"use client";

import { useTranslations } from "next-intl";
import type { InputHTMLAttributes } from "react";
import { FLOW_STARTERS, type FlowStarter } from "@/lib/flow/inputs";
import { cn } from "@/lib/ui/cn";
import { STARTER_ICONS } from "./starters";

const card =
  "flex h-full items-start gap-3 rounded-lg border border-slate-200 bg-white p-3 text-start transition-colors";

function StarterText({ starter }: { starter: FlowStarter }) {
  const t = useTranslations("flows.starters");
  const Icon = STARTER_ICONS[starter];
  return (
    <>
      <span className="flex size-9 shrink-0 items-center justify-center rounded-md bg-brand-50 text-brand-700">
        <Icon aria-hidden className="size-5" />
      </span>
      <span className="min-w-0">
        <span className="block text-sm font-medium text-slate-900">{t(`${starter}.title`)}</span>
        <span className="mt-0.5 block text-xs text-slate-500">{t(`${starter}.summary`)}</span>
      </span>
    </>
  );
}

/** The starters as radio cards inside a form (`register("starter")` spread onto each input). */
export function StarterPicker({
  legend,
  inputProps,
}: {
  legend: string;
  inputProps: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "value">;
}) {
  return (
    <fieldset>
      <legend className="mb-1.5 block text-sm font-medium text-slate-700">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {FLOW_STARTERS.map((starter) => (
          <label key={starter} className="relative block">
            <input
              type="radio"
              value={starter}
              data-testid={`starter-option-${starter}`}
              // the real radio covers its card, transparent: clicks, focus and tests all land on it
              className="peer absolute inset-0 size-full cursor-pointer appearance-none rounded-lg opacity-0"
              {...inputProps}
            />
            <span
              className={cn(
                card,
                "hover:border-slate-300 peer-checked:border-brand-600 peer-checked:bg-brand-50/40 peer-checked:ring-1 peer-checked:ring-brand-600 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600",
              )}
            >
              <StarterText starter={starter} />
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The starters as buttons, for the first-time page: each opens the new-flow dialog with it chosen. */
export function StarterButtons({ onChoose }: { onChoose: (starter: FlowStarter) => void }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {FLOW_STARTERS.map((starter) => (
        <button
          key={starter}
          type="button"
          data-testid={`starter-${starter}`}
          onClick={() => onChoose(starter)}
          className={cn(card, "hover:border-brand-600 hover:bg-brand-50/40")}
        >
          <StarterText starter={starter} />
        </button>
      ))}
    </div>
  );
}
