"use client";

import { Braces, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { useState, type KeyboardEvent, type ReactNode } from "react";
import type { FieldError } from "react-hook-form";
import { cn } from "@/lib/ui/cn";
import { useLocaleDir } from "../use-dir";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm shadow-xs placeholder:text-slate-400 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/20 aria-[invalid=true]:border-red-500 disabled:bg-slate-50 disabled:text-slate-500";

/** A labelled panel field; zod errors are shown in the reader's language by their issue code. */
export function PanelField({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: Pick<FieldError, "type" | "message">;
  children: ReactNode;
  className?: string;
}) {
  const message = useFieldErrorText(error);
  return (
    <div className={cn("space-y-1", className)}>
      <label id={`${id}-label`} htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
      {message ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-600">
          {message}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

export function useFieldErrorText(error?: Pick<FieldError, "type" | "message">): string | null {
  const t = useTranslations("builder.errors");
  if (!error) return null;
  const type = String(error.type ?? "");
  return t.has(type) ? t(type) : (error.message ?? t("invalid"));
}

export function SectionTitle({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-2 pt-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{children}</h3>
      {action}
    </div>
  );
}

/** Words as removable chips; Enter or comma adds what is typed. */
export function ChipsInput({
  id,
  values,
  onChange,
  placeholder,
  disabled,
  removeLabel,
  max = 50,
}: {
  id: string;
  values: string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  disabled?: boolean;
  removeLabel: (value: string) => string;
  max?: number;
}) {
  const [draft, setDraft] = useState("");

  function commit() {
    const words = draft
      .split(/[,\n،]/)
      .map((w) => w.trim())
      .filter(Boolean);
    if (words.length === 0) return;
    const next = [...values];
    for (const w of words)
      if (!next.some((v) => v.toLowerCase() === w.toLowerCase())) next.push(w.slice(0, 60));
    onChange(next.slice(0, max));
    setDraft("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      commit();
    } else if (event.key === "Backspace" && draft === "" && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  }

  return (
    <div
      className={cn(
        "flex min-h-9 flex-wrap items-center gap-1 rounded-md border border-slate-300 bg-white px-1.5 py-1 shadow-xs focus-within:border-brand-600 focus-within:ring-2 focus-within:ring-brand-600/20",
        disabled && "bg-slate-50",
      )}
    >
      {values.map((value) => (
        <span
          key={value}
          dir="auto"
          className="inline-flex items-center gap-0.5 rounded bg-slate-100 py-0.5 pe-0.5 ps-1.5 text-xs text-slate-700"
        >
          {value}
          {disabled ? null : (
            <button
              type="button"
              onClick={() => onChange(values.filter((v) => v !== value))}
              aria-label={removeLabel(value)}
              className="rounded p-0.5 text-slate-400 hover:bg-slate-200 hover:text-slate-700"
            >
              <X aria-hidden className="size-3" />
            </button>
          )}
        </span>
      ))}
      <input
        id={id}
        value={draft}
        disabled={disabled}
        placeholder={values.length === 0 ? placeholder : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={commit}
        dir="auto"
        className="h-7 min-w-24 flex-1 bg-transparent px-1 text-sm outline-none placeholder:text-slate-400"
      />
    </div>
  );
}

export const VARIABLE_SUGGESTIONS = ["{{contact.name}}", "{{contact.phone}}", "{{reply.text}}"] as const;

/** A menu that inserts a `{{…}}` expression into the field it belongs to. */
export function InsertVariableMenu({
  onInsert,
  disabled,
  fieldLabelId,
}: {
  onInsert: (expression: string) => void;
  disabled?: boolean;
  /** The id of the field's label: the button is described by it (its own name stays short and unique). */
  fieldLabelId?: string;
}) {
  const t = useTranslations("builder.variables");
  const dir = useLocaleDir();
  const item =
    "flex cursor-default select-none items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100";
  return (
    <DropdownMenu.Root dir={dir} modal={false}>
      <DropdownMenu.Trigger
        disabled={disabled}
        aria-label={t("insert")}
        aria-describedby={fieldLabelId}
        title={t("insert")}
        className="flex size-9 shrink-0 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-600 hover:bg-slate-50 disabled:opacity-50"
      >
        <Braces aria-hidden className="size-4" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 min-w-56 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-500">{t("title")}</DropdownMenu.Label>
          {VARIABLE_SUGGESTIONS.map((expr) => (
            <DropdownMenu.Item key={expr} className={item} onSelect={() => onInsert(expr)}>
              <code dir="ltr" className="text-xs text-slate-800">
                {expr}
              </code>
              <span className="ms-auto text-xs text-slate-500">{t(expr.slice(2, -2).replace(".", "_"))}</span>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Item className={item} onSelect={() => onInsert("{{event.}}")}>
            <code dir="ltr" className="text-xs text-slate-800">
              {"{{event.…}}"}
            </code>
            <span className="ms-auto text-xs text-slate-500">{t("event")}</span>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Inserts text at the caret of an input or textarea, returning the new value and caret position. */
export function insertAtCaret(
  element: HTMLInputElement | HTMLTextAreaElement | null,
  current: string,
  text: string,
): { value: string; caret: number } {
  const start = element?.selectionStart ?? current.length;
  const end = element?.selectionEnd ?? current.length;
  const value = current.slice(0, start) + text + current.slice(end);
  // Inside "{{event.}}" the caret goes before the braces, ready for the field name.
  const caret = text.endsWith(".}}") ? start + text.length - 2 : start + text.length;
  return { value, caret };
}

export function IconButton({
  label,
  onClick,
  children,
  disabled,
  tone = "default",
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
  disabled?: boolean;
  tone?: "default" | "danger";
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={label}
      className={cn(
        "flex size-7 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 disabled:opacity-40 disabled:hover:bg-transparent",
        tone === "danger" && "hover:bg-red-50 hover:text-red-600",
      )}
    >
      {children}
    </button>
  );
}
