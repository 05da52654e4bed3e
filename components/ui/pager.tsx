"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export interface PagerProps {
  label: string;
  summary: string;
  page: number;
  pages: number;
  onPage: (page: number) => void;
  /** `messages` marks the parts `messages-page-info`, `messages-previous-page` and `messages-next-page`. */
  testIdPrefix?: string;
}

/** "Page 2 of 5 · 230 items" with Previous / Next, under a table. */
export function Pager({ label, summary, page, pages, onPage, testIdPrefix }: PagerProps) {
  const t = useTranslations("channel.pager");
  const testId = (part: string) => (testIdPrefix ? `${testIdPrefix}-${part}` : undefined);
  return (
    <nav
      aria-label={label}
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600"
    >
      <span data-testid={testId("page-info")}>{summary}</span>
      <div className="flex gap-2">
        <Button
          size="sm"
          variant="secondary"
          aria-label={t("previousPage")}
          data-testid={testId("previous-page")}
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          {t("previous")}
        </Button>
        <Button
          size="sm"
          variant="secondary"
          aria-label={t("nextPage")}
          data-testid={testId("next-page")}
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          {t("next")}
        </Button>
      </div>
    </nav>
  );
}
