"use client";

import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/api-keys/copy-button";

/** A block of code (a curl call, a JSON body), left to right in every language, with a copy button. */
export function CodeBlock({ code, label, testId }: { code: string; label: string; testId?: string }) {
  const t = useTranslations("developers");
  return (
    <div className="relative" data-testid={testId}>
      <pre
        dir="ltr"
        aria-label={label}
        className="overflow-x-auto rounded-lg bg-slate-900 p-4 pe-28 text-start font-mono text-xs leading-relaxed text-slate-100"
      >
        <code>{code}</code>
      </pre>
      <div className="absolute end-2 top-2">
        <CopyButton value={code} label={t("copy")} testId={testId ? `${testId}-copy` : undefined} />
      </div>
    </div>
  );
}
