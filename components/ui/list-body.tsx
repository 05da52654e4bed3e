"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, type ComponentProps, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { cn } from "@/lib/ui/cn";

/** What a list says when its filters hide every row, and the button that clears them. */
export interface NoMatch {
  title: string;
  description: string;
  clearLabel: string;
  onClear: () => void;
}

/** The page a list shows, how to turn it, and the words for its pager. */
export interface ListPaging {
  page: number;
  onPage: (page: number, mode?: "push" | "replace") => void;
  label: string;
  summary: (counts: { page: number; pages: number; total: number }) => string;
  /** `messages` marks the pager's parts `messages-page-info`, `messages-previous-page` and `messages-next-page`. */
  testIdPrefix: string;
}

/** An empty state spaced to sit inside a list's card. */
export function ListEmptyState(props: ComponentProps<typeof EmptyState>) {
  return (
    <div className="p-5">
      <EmptyState {...props} />
    </div>
  );
}

/**
 * The inside of a list page's card: loading, the error with a retry, the rows with a pager under them,
 * or why there are none. While another page loads, the previous one stays, dimmed and marked busy.
 */
export function ListBody<TData extends { total: number }, TError, TRow>({
  query,
  rows,
  pageSize,
  paging,
  loadingLabel,
  errorTitle,
  filtered,
  noMatch,
  empty,
  children,
}: {
  query: UseQueryResult<TData, TError>;
  rows: (data: TData) => TRow[];
  pageSize: (data: TData) => number;
  paging: ListPaging;
  loadingLabel: string;
  errorTitle: string;
  /** Whether filters or a search are narrowing the list: an empty list then shows `noMatch` instead of `empty`. */
  filtered: boolean;
  noMatch: NoMatch;
  empty: ReactNode;
  /** The table for the rows of this page. */
  children: (rows: TRow[]) => ReactNode;
}) {
  const tc = useTranslations("common");
  const describeError = useErrorMessage();
  const { page, onPage } = paging;
  const total = query.data?.total ?? 0;
  const pages = query.data ? Math.max(1, Math.ceil(total / pageSize(query.data))) : 1;
  const pastTheEnd = query.data !== undefined && rows(query.data).length === 0 && page > pages;

  // a page past the end (its last rows went away, or an old link): go to the last one
  useEffect(() => {
    if (pastTheEnd) onPage(pages, "replace");
  }, [pastTheEnd, pages, onPage]);

  if (query.isPending) return <LoadingState label={loadingLabel} />;
  if (query.isError) {
    return (
      <div className="p-5">
        <ErrorState
          title={errorTitle}
          message={describeError(query.error)}
          action={
            <Button variant="secondary" onClick={() => void query.refetch()}>
              {tc("retry")}
            </Button>
          }
        />
      </div>
    );
  }
  const shown = rows(query.data);
  if (shown.length > 0) {
    return (
      <div aria-busy={query.isPlaceholderData} className={cn(query.isPlaceholderData && "opacity-60")}>
        {children(shown)}
        <Pager
          label={paging.label}
          summary={paging.summary({ page, pages, total })}
          page={page}
          pages={pages}
          onPage={onPage}
          testIdPrefix={paging.testIdPrefix}
        />
      </div>
    );
  }
  if (filtered) {
    return (
      <ListEmptyState
        icon={SearchX}
        title={noMatch.title}
        description={noMatch.description}
        action={
          <Button variant="secondary" onClick={noMatch.onClear}>
            {noMatch.clearLabel}
          </Button>
        }
      />
    );
  }
  return empty;
}
