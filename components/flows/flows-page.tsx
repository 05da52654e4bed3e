"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Archive, FileText, Plus, Send, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { Tabs } from "radix-ui";
import { useCallback, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ListBody, ListEmptyState } from "@/components/ui/list-body";
import { SearchBox } from "@/components/ui/search-box";
import { FLOW_LIST_STATUSES, type FlowListStatus, type FlowStarter } from "@/lib/flow/inputs";
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
  const workspace = useWorkspace();
  const canEdit = workspace.can("editor");
  const trpc = useTRPC();
  const dir = useDirection();
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
          <Card className="overflow-hidden">
            <ListBody
              query={list}
              rows={(data) => data.items}
              loadingLabel={t("loading")}
              errorTitle={t("loadError")}
              pageSize={() => PAGE_SIZE}
              paging={{
                page: params.page,
                onPage: (page, mode) => setParams({ page }, mode),
                label: t("pagination.label"),
                summary: (counts) => t("pagination.pageOf", counts),
                testIdPrefix: "flows",
              }}
              filtered={Boolean(params.search)}
              noMatch={{
                title: t("empty.noMatchTitle", { search: params.search }),
                description: t(`empty.noMatchBody.${params.status}`),
                clearLabel: t("search.clear"),
                onClear: () => onSearch(""),
              }}
              empty={
                params.status === "active" ? (
                  <FirstFlowIntro
                    canEdit={canEdit}
                    archivedCount={archived.data?.total ?? 0}
                    onChoose={newFlow}
                    onImport={() => setImporting(true)}
                    onShowArchived={() => setParams({ status: "archived", page: 1 })}
                  />
                ) : (
                  <ListEmptyState
                    icon={EMPTY_TAB_ICONS[params.status]}
                    title={t(`empty.${params.status}.title`)}
                    description={t(`empty.${params.status}.body`)}
                  />
                )
              }
            >
              {(flows) => <FlowTable flows={flows} />}
            </ListBody>
          </Card>
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
