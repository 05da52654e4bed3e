"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import {
  CONDITION_OPERATORS,
  UNARY_OPERATORS,
  type ConditionOperator,
  type ConditionRule,
} from "@/lib/flow/condition";
import { ChipsInput, IconButton, inputClass } from "./fields";
import { cn } from "@/lib/ui/cn";

const PATH_SUGGESTIONS = ["event.", "contact.name", "contact.phone", "contact.attributes.", "reply.text"];

function isOperator(value: string): value is ConditionOperator {
  return (CONDITION_OPERATORS as readonly string[]).includes(value);
}

/**
 * Rules over the run context (condition nodes, event-trigger filters). Typing reports the field it is in
 * (one undo step per field edit); adding, removing or switching an operator reports no field (a step).
 */
export function RuleList({
  idPrefix,
  rules,
  onChange,
  disabled,
  max = 20,
  withReply = true,
}: {
  idPrefix: string;
  /** Whether `reply.…` is available (not in a trigger's filter: nothing has been replied yet). */
  withReply?: boolean;
  rules: ConditionRule[];
  onChange: (rules: ConditionRule[], fieldKey?: string) => void;
  disabled?: boolean;
  max?: number;
}) {
  const t = useTranslations("builder.rules");
  const to = useTranslations("builder.operators");
  const listId = `${idPrefix}-paths`;

  function patch(index: number, change: Partial<ConditionRule>, fieldKey?: string) {
    onChange(
      rules.map((r, i) => (i === index ? { ...r, ...change } : r)),
      fieldKey,
    );
  }

  return (
    <div className="space-y-2">
      <datalist id={listId}>
        {PATH_SUGGESTIONS.filter((p) => withReply || !p.startsWith("reply.")).map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      {rules.length === 0 ? <p className="text-xs text-slate-500">{t("none")}</p> : null}
      <ol className="space-y-2">
        {rules.map((rule, index) => {
          const n = index + 1;
          const unary = UNARY_OPERATORS.has(rule.op);
          return (
            <li
              key={index}
              className="space-y-1.5 rounded-lg border border-slate-200 bg-slate-50/60 p-2"
              data-testid={`${idPrefix}-rule-${index}`}
            >
              <div className="flex items-center gap-1.5">
                <span className="text-xs font-medium text-slate-500">{t("rule", { n })}</span>
                <span className="ms-auto" />
                <IconButton
                  label={t("remove", { n })}
                  disabled={disabled}
                  tone="danger"
                  onClick={() => onChange(rules.filter((_, i) => i !== index))}
                >
                  <Trash2 aria-hidden className="size-3.5" />
                </IconButton>
              </div>
              <input
                id={`${idPrefix}-${index}-path`}
                aria-label={t("path", { n })}
                list={listId}
                dir="ltr"
                value={rule.path}
                maxLength={200}
                placeholder="event.order.total"
                disabled={disabled}
                onChange={(e) => patch(index, { path: e.target.value }, `${idPrefix}.${index}.path`)}
                className={cn(inputClass, "h-8 font-mono text-xs")}
              />
              <div className="grid grid-cols-2 gap-1.5">
                <select
                  id={`${idPrefix}-${index}-op`}
                  aria-label={t("operator", { n })}
                  value={rule.op}
                  disabled={disabled}
                  onChange={(e) => {
                    if (isOperator(e.target.value)) patch(index, { op: e.target.value });
                  }}
                  className={cn(inputClass, "h-8 pe-7", unary && "col-span-2")}
                >
                  {CONDITION_OPERATORS.map((op) => (
                    <option key={op} value={op}>
                      {to(op)}
                    </option>
                  ))}
                </select>
                {unary ? null : rule.op === "in" ? (
                  <div className="col-span-2">
                    <ChipsInput
                      id={`${idPrefix}-${index}-values`}
                      values={rule.values}
                      disabled={disabled}
                      placeholder={t("valuesPlaceholder")}
                      removeLabel={(v) => t("removeValue", { value: v })}
                      onChange={(values) => patch(index, { values })}
                      max={100}
                    />
                    <label htmlFor={`${idPrefix}-${index}-values`} className="sr-only">
                      {t("values", { n })}
                    </label>
                  </div>
                ) : (
                  <input
                    id={`${idPrefix}-${index}-value`}
                    aria-label={t("value", { n })}
                    value={rule.value}
                    maxLength={500}
                    dir="auto"
                    inputMode={["gt", "gte", "lt", "lte"].includes(rule.op) ? "decimal" : undefined}
                    placeholder={rule.op === "regex" ? "^A[0-9]+$" : t("valuePlaceholder")}
                    disabled={disabled}
                    onChange={(e) => patch(index, { value: e.target.value }, `${idPrefix}.${index}.value`)}
                    className={cn(inputClass, "h-8 min-w-0")}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        disabled={disabled || rules.length >= max}
        onClick={() => onChange([...rules, { path: "", op: "equals", value: "", values: [] }])}
        className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-50"
      >
        <Plus aria-hidden className="size-4" />
        {t("add")}
      </button>
    </div>
  );
}
