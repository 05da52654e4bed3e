"use client";

import { useTranslations } from "next-intl";
import { describeMetaError, metaErrorMessageKey } from "@/lib/whatsapp/errors";
import { cn } from "@/lib/ui/cn";

export interface FailureText {
  title: string;
  explanation: string;
  fix: string;
}

/** Meta's error code in plain words, in the reader's language (lib/i18n/messages/metaErrors.*.json). */
export function useMetaErrorText(): (code: number | null | undefined) => FailureText {
  const t = useTranslations("metaErrors");
  return (code) => {
    const key = metaErrorMessageKey(describeMetaError(code ?? undefined));
    for (const base of [key, "unknown"]) {
      if (t.has(`${base}.title`)) {
        return { title: t(`${base}.title`), explanation: t(`${base}.explanation`), fix: t(`${base}.fix`) };
      }
    }
    const info = describeMetaError(code ?? undefined);
    return { title: info.title, explanation: info.explanation, fix: info.fix };
  };
}

/**
 * Why a message failed: the plain-words title and explanation, then — on demand — what to do about it
 * and what Meta itself said (its code, title and details, untranslated).
 */
export function FailureReason({
  code,
  metaTitle,
  metaDetails,
  compact = false,
  className,
}: {
  code: number | null;
  metaTitle: string | null;
  metaDetails: string | null;
  compact?: boolean;
  className?: string;
}) {
  const t = useTranslations("channel.failure");
  const text = useMetaErrorText()(code);
  return (
    <div data-testid="failure-reason" className={cn("text-xs", className)}>
      <p className="font-medium text-red-700">{text.title}</p>
      {compact ? null : <p className="mt-0.5 text-slate-600">{text.explanation}</p>}
      <details className="group mt-1">
        <summary className="cursor-pointer select-none text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
          {t("howToFix")}
        </summary>
        <div className="mt-1 space-y-1 rounded-md bg-slate-50 p-2 text-slate-600">
          {compact ? <p>{text.explanation}</p> : null}
          <p>{text.fix}</p>
          {code !== null || metaTitle || metaDetails ? (
            <p className="text-slate-500">
              {t("metaSaid")}{" "}
              <span dir="ltr" className="font-mono text-[11px]">
                {[code !== null ? `#${code}` : null, metaTitle, metaDetails].filter(Boolean).join(" · ")}
              </span>
            </p>
          ) : null}
        </div>
      </details>
    </div>
  );
}
