"use client";

import { Info } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { useWatch } from "react-hook-form";
import { SEND_TEXT_MAX, sendTextConfig } from "@/lib/flow/nodes/send-text";
import { cn } from "@/lib/ui/cn";
import { InsertVariableMenu, insertAtCaret, inputClass, PanelField } from "./fields";
import type { PanelProps } from "./types";
import { useConfigForm } from "./use-config-form";

export function SendTextPanel({ nodeId, config, readOnly }: PanelProps<"send-text">) {
  const t = useTranslations("builder.panels.sendText");
  const { form, edit } = useConfigForm(nodeId, sendTextConfig, config);
  const text = useWatch({ control: form.control, name: "text" }) ?? "";
  const area = useRef<HTMLTextAreaElement | null>(null);
  const { ref, ...field } = form.register("text");
  const { errors } = form.formState;
  const over = text.length > SEND_TEXT_MAX;

  function insert(expression: string) {
    const { value, caret } = insertAtCaret(area.current, form.getValues("text"), expression);
    edit("text", value);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(caret, caret);
    });
  }

  return (
    <fieldset disabled={readOnly} className="space-y-3">
      <PanelField
        id="sendtext-text"
        label={t("text")}
        error={errors.text}
        hint={
          <span className="flex justify-between gap-2">
            <span>{t("textHint")}</span>
            <span
              className={cn("tabular-nums", over && "font-semibold text-red-600")}
              data-testid="sendtext-counter"
            >
              {text.length}/{SEND_TEXT_MAX}
            </span>
          </span>
        }
      >
        <div className="flex items-start gap-1.5">
          <textarea
            id="sendtext-text"
            rows={6}
            dir="auto"
            placeholder={t("placeholder")}
            aria-invalid={Boolean(errors.text) || over}
            className={cn(inputClass, "py-2")}
            {...field}
            ref={(el) => {
              ref(el);
              area.current = el;
            }}
          />
          <InsertVariableMenu fieldLabelId="sendtext-text-label" disabled={readOnly} onInsert={insert} />
        </div>
      </PanelField>
      <div className="flex gap-2 rounded-md border border-sky-200 bg-sky-50 p-2.5 text-xs text-sky-900">
        <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>{t("windowExplanation")}</p>
      </div>
    </fieldset>
  );
}
