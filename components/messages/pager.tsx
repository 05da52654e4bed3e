"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** "Page 2 of 5 · 230 items" with Previous / Next, under a table. */
export function Pager({
  label,
  summary,
  page,
  pages,
  onPage,
  testId,
}: {
  label: string;
  summary: string;
  page: number;
  pages: number;
  onPage: (page: number) => void;
  testId?: string;
}) {
  const t = useTranslations("channel.pager");
  return (
    <nav
      aria-label={label}
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600"
    >
      <span data-testid={testId ? `${testId}-info` : undefined}>{summary}</span>
      <div className="flex gap-2">
        <Button
          size="sm"
          variant="secondary"
          aria-label={t("previousPage")}
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          {t("previous")}
        </Button>
        <Button
          size="sm"
          variant="secondary"
          aria-label={t("nextPage")}
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          {t("next")}
        </Button>
      </div>
    </nav>
  );
}
