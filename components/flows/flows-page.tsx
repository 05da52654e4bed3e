"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Archive, FileText, Plus, SearchX, Send, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { Tabs } from "radix-ui";
import { useCallback, useEffect, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { SearchBox } from "@/components/ui/search-box";
import { FLOW_LIST_STATUSES, type FlowListStatus, type FlowStarter } from "@/lib/flow/inputs";
import { cn } from "@/lib/ui/cn";
import { FirstFlowIntro } from "./first-flow-intro";
import { FlowTable } from "./flow-table";
import { ImportFlowDialog } from "./import-flow-dialog";
import { NewFlowDialog } from "./new-flow-dialog";
import { useDirection } from "./use-direction";
import { useFlowListParams } from "./use-flow-list-params";

const PAGE_SIZE = 20;

const EMPTY_TAB_ICONS = { draft: FileText, published: Send, archived: Archive } as const;

/** The flows of the workspace: search, status tabs, pages, and the ways to make a new one. */
export function FlowsPage() {
  const t = useTranslations("flows");
  const tc = useTranslations("common");
  const workspace = useWorkspace();
  const canEdit = workspace.can("editor");
  const trpc = useTRPC();
  const dir = useDirection();
  const describeError = useErrorMessage();
  const [params, setParams] = useFlowListParams();
  const [creating, setCreating] = useState<{ open: boolean; starter: FlowStarter }>({
    open: false,
    starter: "blank",
  });
  const [importing, setImporting] = useState(false);
  const scope = { workspaceSlug: workspace.slug };

  const list = useQuery(
    trpc.flow.list.queryOptions(
      {
        ...scope,
        search: params.search || undefined,
        status: params.status,
        page: params.page,
        pageSize: PAGE_SIZE,
      },
      { placeholderData: keepPreviousData },
    ),
  );
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const firstTime = list.isSuccess && total === 0 && !params.search && params.status === "active";
  // "no flows yet" is not quite true when some are archived: say so, and link to them
  const archived = useQuery(
    trpc.flow.list.queryOptions(
      { ...scope, status: "archived", page: 1, pageSize: 1 },
      { enabled: firstTime },
    ),
  );

  const onSearch = useCallback(
    (text: string) => setParams({ search: text, page: 1 }, "replace"),
    [setParams],
  );
  const newFlow = (starter: FlowStarter = "blank") => setCreating({ open: true, starter });

  // a page past the end (the last flow of the last page was archived, or an old link): go to the last one
  useEffect(() => {
    if (list.data && list.data.items.length === 0 && params.page > pages)
      setParams({ page: pages }, "replace");
  }, [list.data, params.page, pages, setParams]);

  let body: React.ReactNode;
  if (list.isPending) {
    body = <LoadingState label={t("loading")} />;
  } else if (list.isError) {
    body = (
      <div className="p-5">
        <ErrorState
          title={t("loadError")}
          message={describeError(list.error)}
          action={
            <Button variant="secondary" onClick={() => void list.refetch()}>
              {tc("retry")}
            </Button>
          }
        />
      </div>
    );
  } else if (list.data.items.length > 0) {
    body = (
      <div aria-busy={list.isPlaceholderData} className={cn(list.isPlaceholderData && "opacity-60")}>
        <FlowTable flows={list.data.items} />
        <nav
          aria-label={t("pagination.label")}
          className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600"
        >
          <span data-testid="flows-page-info">
            {t("pagination.pageOf", { page: params.page, pages, total })}
          </span>
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="secondary"
              aria-label={t("pagination.previousPage")}
              data-testid="flows-previous-page"
              disabled={params.page <= 1}
              onClick={() => setParams({ page: params.page - 1 })}
            >
              {t("pagination.previous")}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              aria-label={t("pagination.nextPage")}
              data-testid="flows-next-page"
              disabled={params.page >= pages}
              onClick={() => setParams({ page: params.page + 1 })}
            >
              {t("pagination.next")}
            </Button>
          </div>
        </nav>
      </div>
    );
  } else if (params.search) {
    body = (
      <div className="p-5">
        <EmptyState
          icon={SearchX}
          title={t("empty.noMatchTitle", { search: params.search })}
          description={t(`empty.noMatchBody.${params.status}`)}
          action={
            <Button variant="secondary" onClick={() => onSearch("")}>
              {t("search.clear")}
            </Button>
          }
        />
      </div>
    );
  } else if (params.status === "active") {
    body = (
      <FirstFlowIntro
        canEdit={canEdit}
        archivedCount={archived.data?.total ?? 0}
        onChoose={newFlow}
        onImport={() => setImporting(true)}
        onShowArchived={() => setParams({ status: "archived", page: 1 })}
      />
    );
  } else {
    body = (
      <div className="p-5">
        <EmptyState
          icon={EMPTY_TAB_ICONS[params.status]}
          title={t(`empty.${params.status}.title`)}
          description={t(`empty.${params.status}.body`)}
        />
      </div>
    );
  }

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          canEdit ? (
            <div className="flex gap-2">
              <Button variant="secondary" data-testid="import-button" onClick={() => setImporting(true)}>
                <Upload aria-hidden className="size-4" />
                {t("importFlow")}
              </Button>
              <Button data-testid="new-flow-button" onClick={() => newFlow()}>
                <Plus aria-hidden className="size-4" />
                {t("newFlow")}
              </Button>
            </div>
          ) : null
        }
      />

      <Tabs.Root
        dir={dir}
        value={params.status}
        onValueChange={(value) => setParams({ status: value as FlowListStatus, page: 1 })}
      >
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <Tabs.List
            aria-label={t("tabs.label")}
            className="inline-flex max-w-full overflow-x-auto rounded-lg bg-slate-200/60 p-1"
          >
            {FLOW_LIST_STATUSES.map((status) => (
              <Tabs.Trigger
                key={status}
                value={status}
                data-testid={`flows-tab-${status}`}
                className="whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 data-[state=active]:bg-white data-[state=active]:text-slate-900 data-[state=active]:shadow-xs"
              >
                {t(`tabs.${status}`)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <SearchBox
            value={params.search}
            onSearch={onSearch}
            label={t("search.label")}
            placeholder={t("search.placeholder")}
            clearLabel={t("search.clear")}
            testId="flow-search"
          />
        </div>
        <Tabs.Content value={params.status} tabIndex={-1} className="focus-visible:outline-none">
          <Card className="overflow-hidden">{body}</Card>
        </Tabs.Content>
      </Tabs.Root>

      {canEdit ? (
        <>
          <NewFlowDialog
            open={creating.open}
            starter={creating.starter}
            onOpenChange={(open) => setCreating((c) => ({ ...c, open }))}
          />
          <ImportFlowDialog open={importing} onOpenChange={setImporting} />
        </>
      ) : null}
    </>
  );
}
