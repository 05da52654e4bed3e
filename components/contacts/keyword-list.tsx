"use client";

import { Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { KEYWORD_MAX_LENGTH, MAX_KEYWORDS } from "@/lib/whatsapp/opt-out";
import { cn } from "@/lib/ui/cn";

/** Keywords compare the way people see them: case and surrounding spaces do not make a new one. */
function sameKeyword(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/**
 * One list of keywords as removable chips, with a field to add more (Enter or the Add button). Keywords
 * not among the defaults are highlighted, and the defaults can be looked up once the list was changed.
 */
export function KeywordList({
  id,
  title,
  description,
  keywords,
  defaults,
  readOnly,
  error,
  onChange,
}: {
  id: string;
  title: string;
  description: string;
  keywords: string[];
  defaults: readonly string[];
  readOnly: boolean;
  error: { message?: string; index?: number };
  onChange: (next: string[]) => void;
}) {
  const t = useTranslations("channel.optOut");
  const tv = useTranslations("validation");
  const [draft, setDraft] = useState("");
  const [draftError, setDraftError] = useState<string | null>(null);
  const translate = (key: string) => (tv.has(key) ? tv(key) : t.has(key) ? t(key) : key);
  const isDefault = (keyword: string) => defaults.some((d) => sameKeyword(d, keyword));
  const differsFromDefaults = keywords.length !== defaults.length || keywords.some((k) => !isDefault(k));

  function add() {
    const keyword = draft.trim();
    if (!keyword) return setDraftError("keywordRequired");
    if (keyword.length > KEYWORD_MAX_LENGTH) return setDraftError("keywordTooLong");
    if (keywords.some((k) => sameKeyword(k, keyword))) return setDraftError("duplicate");
    if (keywords.length >= MAX_KEYWORDS) return setDraftError("tooMany");
    onChange([...keywords, keyword]);
    setDraft("");
    setDraftError(null);
  }

  const shownError = draftError ?? error.message ?? null;
  return (
    <section aria-labelledby={`${id}-title`} data-testid={id}>
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        {title}
      </h3>
      <p className="mt-0.5 text-xs text-slate-500">{description}</p>
      <ul aria-label={title} className="mt-3 flex flex-wrap gap-1.5">
        {keywords.map((keyword, index) => (
          <li
            key={`${keyword}-${index}`}
            data-testid="keyword"
            className={cn(
              "inline-flex items-center gap-1 rounded-full py-0.5 text-sm ring-1 ring-inset",
              readOnly ? "px-2.5" : "ps-2.5 pe-1",
              error.index === index
                ? "bg-red-50 text-red-800 ring-red-300"
                : isDefault(keyword)
                  ? "bg-slate-100 text-slate-700 ring-slate-200"
                  : "bg-brand-50 text-brand-800 ring-brand-200",
            )}
          >
            <bdi>{keyword}</bdi>
            {readOnly ? null : (
              <button
                type="button"
                aria-label={t("remove", { keyword })}
                onClick={() => onChange(keywords.filter((_, i) => i !== index))}
                className="flex size-5 items-center justify-center rounded-full text-slate-500 hover:bg-black/10 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <X aria-hidden className="size-3" />
              </button>
            )}
          </li>
        ))}
        {keywords.length === 0 ? <li className="text-sm text-slate-500">{t("noKeywords")}</li> : null}
      </ul>
      {readOnly ? null : (
        <div className="mt-3 flex gap-2">
          <Input
            id={`${id}-add`}
            aria-label={t("addLabel", { list: title })}
            placeholder={t("addPlaceholder")}
            dir="auto"
            className="h-9"
            value={draft}
            aria-invalid={Boolean(shownError)}
            aria-describedby={shownError ? `${id}-error` : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              setDraftError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button size="sm" variant="secondary" className="h-9" onClick={add}>
            <Plus aria-hidden className="size-4" />
            {t("add")}
          </Button>
        </div>
      )}
      {shownError ? (
        <p id={`${id}-error`} role="alert" className="mt-1.5 text-sm text-red-600">
          {translate(shownError)}
          {draftError === null && error.index !== undefined ? (
            <>
              {" "}
              <bdi className="font-medium">({keywords[error.index]})</bdi>
            </>
          ) : null}
        </p>
      ) : null}
      {differsFromDefaults ? (
        <details className="mt-3 text-xs text-slate-500">
          <summary className="cursor-pointer select-none hover:text-slate-700">{t("showDefaults")}</summary>
          <p className="mt-1 leading-relaxed">
            {defaults.map((d, i) => (
              <span key={d}>
                {i > 0 ? " · " : null}
                <bdi>{d}</bdi>
              </span>
            ))}
          </p>
        </details>
      ) : (
        <p className="mt-3 text-xs text-slate-500">{t("defaultsNote")}</p>
      )}
    </section>
  );
}
