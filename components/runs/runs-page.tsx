"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useId } from "react";
import { dayStart } from "@/components/messages/message-times";
import { SearchBox } from "@/components/ui/search-box";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { ListBody, ListEmptyState } from "@/components/ui/list-body";
import { RUN_LIST_STATUSES } from "@/lib/runs/inputs";
import { RunTable } from "./run-table";
import { isLive } from "./types";
import { useRunFilters, type RunFilters } from "./use-run-filters";

/** While a visible run is running or queued, the list asks again this often. */
const LIVE_REFRESH_MS = 3000;

/** Every run of the workspace's flows, newest first: who, which flow, how it went and why it failed. */
export function RunsPage() {
  const t = useTranslations("runs");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const [filters, setFilters] = useRunFilters();
  const scope = { workspaceSlug: workspace.slug };

  const list = useQuery(
    trpc.run.list.queryOptions(
      {
        ...scope,
        status: filters.status || undefined,
        flowId: filters.flowId || undefined,
        search: filters.search || undefined,
        from: dayStart(filters.from),
        to: dayStart(filters.to, 1),
        page: filters.page,
      },
      {
        placeholderData: keepPreviousData,
        refetchInterval: (query) => (query.state.data?.runs.some(isLive) ? LIVE_REFRESH_MS : false),
      },
    ),
  );
  const flows = useQuery(trpc.flow.list.queryOptions({ ...scope, status: "active", pageSize: 100 }));
  const filtered = Boolean(filters.status || filters.flowId || filters.search || filters.from || filters.to);
  const clear = () => setFilters({ status: "", flowId: "", search: "", from: "", to: "" });
  const onSearch = useCallback((text: string) => setFilters({ search: text }, "replace"), [setFilters]);

  return (
    <>
      <PageHeader title={t("list.title")} description={t("list.subtitle")} />
      <RunFilterBar
        filters={filters}
        flows={flows.data?.items ?? []}
        onChange={setFilters}
        onSearch={onSearch}
        onClear={filtered ? clear : undefined}
      />
      <Card className="overflow-hidden">
        <ListBody
          query={list}
          rows={(data) => data.runs}
          loadingLabel={t("list.loading")}
          errorTitle={t("list.loadError")}
          pageSize={(data) => data.pageSize}
          paging={{
            page: filters.page,
            onPage: (page, mode) => setFilters({ page }, mode),
            label: t("list.pagination.label"),
            summary: (counts) => t("list.pagination.pageOf", counts),
            testIdPrefix: "runs",
          }}
          filtered={filtered}
          noMatch={{
            title: t("list.empty.noMatchTitle"),
            description: t("list.empty.noMatchBody"),
            clearLabel: t("list.filters.clear"),
            onClear: clear,
          }}
          empty={
            <ListEmptyState
              icon={History}
              title={t("list.empty.title")}
              description={t("list.empty.body")}
              action={
                <div className="flex flex-wrap justify-center gap-2">
                  <Button variant="secondary" asChild>
                    <Link href={`/w/${workspace.slug}/flows`}>{t("list.empty.flows")}</Link>
                  </Button>
                  <Button variant="secondary" asChild>
                    <Link href={`/w/${workspace.slug}/developers`}>{t("list.empty.api")}</Link>
                  </Button>
                </div>
              }
            />
          }
        >
          {(runs) => <RunTable runs={runs} />}
        </ListBody>
      </Card>
    </>
  );
}

function RunFilterBar({
  filters,
  flows,
  onChange,
  onSearch,
  onClear,
}: {
  filters: RunFilters;
  flows: { id: string; name: string }[];
  onChange: (patch: Partial<RunFilters>) => void;
  onSearch: (text: string) => void;
  onClear?: () => void;
}) {
  const t = useTranslations("runs.list.filters");
  const ts = useTranslations("runs.status");
  const id = useId();
  const label = "mb-1 block text-xs font-medium text-slate-600";
  return (
    <div role="search" aria-label={t("label")} className="mb-4 flex flex-wrap items-end gap-3">
      <div className="text-sm">
        <label htmlFor={`${id}-status`} className={label}>
          {t("status")}
        </label>
        <Select
          id={`${id}-status`}
          data-testid="runs-filter-status"
          className="w-40"
          value={filters.status}
          onChange={(e) => onChange({ status: e.target.value as RunFilters["status"] })}
        >
          <option value="">{t("allStatuses")}</option>
          {RUN_LIST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </Select>
      </div>
      <div className="text-sm">
        <label htmlFor={`${id}-flow`} className={label}>
          {t("flow")}
        </label>
        <Select
          id={`${id}-flow`}
          data-testid="runs-filter-flow"
          className="w-52"
          value={filters.flowId}
          onChange={(e) => onChange({ flowId: e.target.value })}
        >
          <option value="">{t("allFlows")}</option>
          {/* a flow from an old link (archived since) stays choosable */}
          {filters.flowId && !flows.some((f) => f.id === filters.flowId) ? (
            <option value={filters.flowId}>{t("thisFlow")}</option>
          ) : null}
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="text-sm">
        <label htmlFor={`${id}-from`} className={label}>
          {t("from")}
        </label>
        <Input
          id={`${id}-from`}
          type="date"
          className="w-40"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(e) => onChange({ from: e.target.value })}
        />
      </div>
      <div className="text-sm">
        <label htmlFor={`${id}-to`} className={label}>
          {t("to")}
        </label>
        <Input
          id={`${id}-to`}
          type="date"
          className="w-40"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(e) => onChange({ to: e.target.value })}
        />
      </div>
      <div className="ms-auto flex items-end gap-2">
        {onClear ? (
          <Button variant="ghost" onClick={onClear}>
            {t("clear")}
          </Button>
        ) : null}
        <SearchBox
          value={filters.search}
          onSearch={onSearch}
          label={t("search")}
          placeholder={t("searchPlaceholder")}
          clearLabel={t("clearSearch")}
          testId="runs-search"
        />
      </div>
    </div>
  );
}
