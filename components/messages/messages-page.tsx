"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { MessagesSquare } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useId } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { ListBody, ListEmptyState } from "@/components/ui/list-body";
import { MESSAGE_FILTER_STATUSES } from "@/lib/whatsapp/inputs";
import { dayStart, isSettling } from "./message-times";
import { MessageTable } from "./message-table";
import { SearchBox } from "@/components/ui/search-box";
import { ConnectOrSendTest } from "./connect-or-send-test";
import { SendTestTemplateButton } from "./send-test-dialog";
import { useMessageFilters, type MessageFilters } from "./use-message-filters";

/** While a visible message may still change status, the log asks again this often. */
const LIVE_REFRESH_MS = 3000;

/** Every message sent and received, newest first, with its delivery status and why it failed. */
export function MessagesPage() {
  const t = useTranslations("messageLog");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const [filters, setFilters] = useMessageFilters();

  const list = useQuery(
    trpc.message.list.queryOptions(
      {
        workspaceSlug: workspace.slug,
        status: filters.status || undefined,
        direction: filters.direction || undefined,
        template: filters.template || undefined,
        from: dayStart(filters.from),
        to: dayStart(filters.to, 1),
        search: filters.search || undefined,
        page: filters.page,
      },
      {
        placeholderData: keepPreviousData,
        // replies and receipts arrive by webhook while the page is away: a log is never stale on arrival
        refetchOnMount: "always",
        refetchInterval: (query) => (query.state.data?.messages.some(isSettling) ? LIVE_REFRESH_MS : false),
      },
    ),
  );
  const filtered = Boolean(
    filters.status || filters.direction || filters.template || filters.from || filters.to || filters.search,
  );
  const clear = () => setFilters({ status: "", direction: "", template: "", from: "", to: "", search: "" });
  const onSearch = useCallback((text: string) => setFilters({ search: text }, "replace"), [setFilters]);

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} actions={<SendTestTemplateButton />} />
      <MessageFilterBar
        filters={filters}
        templates={list.data?.templates ?? []}
        onChange={setFilters}
        onSearch={onSearch}
        onClear={filtered ? clear : undefined}
      />
      <Card className="overflow-hidden">
        <ListBody
          query={list}
          rows={(data) => data.messages}
          loadingLabel={t("loading")}
          errorTitle={t("loadError")}
          pageSize={(data) => data.pageSize}
          paging={{
            page: filters.page,
            onPage: (page, mode) => setFilters({ page }, mode),
            label: t("pagination.label"),
            summary: (counts) => t("pagination.pageOf", counts),
            testIdPrefix: "messages",
          }}
          filtered={filtered}
          noMatch={{
            title: t("empty.noMatchTitle"),
            description: t("empty.noMatchBody"),
            clearLabel: t("filters.clear"),
            onClear: clear,
          }}
          empty={
            <ListEmptyState
              icon={MessagesSquare}
              title={t("empty.title")}
              description={t("empty.body")}
              action={<ConnectOrSendTest />}
            />
          }
        >
          {(messages) => <MessageTable messages={messages} />}
        </ListBody>
      </Card>
    </>
  );
}

function MessageFilterBar({
  filters,
  templates,
  onChange,
  onSearch,
  onClear,
}: {
  filters: MessageFilters;
  templates: string[];
  onChange: (patch: Partial<MessageFilters>) => void;
  onSearch: (text: string) => void;
  onClear?: () => void;
}) {
  const t = useTranslations("messageLog.filters");
  const ts = useTranslations("channel.status");
  const id = useId();
  const field = "text-sm";
  const label = "mb-1 block text-xs font-medium text-slate-600";
  return (
    <div role="search" aria-label={t("label")} className="mb-4 flex flex-wrap items-end gap-3">
      <div className={field}>
        <label htmlFor={`${id}-status`} className={label}>
          {t("status")}
        </label>
        <Select
          id={`${id}-status`}
          data-testid="messages-filter-status"
          className="w-36"
          value={filters.status}
          onChange={(e) => onChange({ status: e.target.value as MessageFilters["status"] })}
        >
          <option value="">{t("allStatuses")}</option>
          {MESSAGE_FILTER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </Select>
      </div>
      <div className={field}>
        <label htmlFor={`${id}-direction`} className={label}>
          {t("direction")}
        </label>
        <Select
          id={`${id}-direction`}
          data-testid="messages-filter-direction"
          className="w-36"
          value={filters.direction}
          onChange={(e) => onChange({ direction: e.target.value as MessageFilters["direction"] })}
        >
          <option value="">{t("allDirections")}</option>
          <option value="out">{t("out")}</option>
          <option value="in">{t("in")}</option>
        </Select>
      </div>
      <div className={field}>
        <label htmlFor={`${id}-template`} className={label}>
          {t("template")}
        </label>
        <Select
          id={`${id}-template`}
          data-testid="messages-filter-template"
          className="w-44"
          value={filters.template}
          onChange={(e) => onChange({ template: e.target.value })}
        >
          <option value="">{t("allTemplates")}</option>
          {/* a template from an old link that no message uses any more stays choosable */}
          {filters.template && !templates.includes(filters.template) ? (
            <option value={filters.template}>{filters.template}</option>
          ) : null}
          {templates.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </div>
      <div className={field}>
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
      <div className={field}>
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
          testId="messages-search"
        />
      </div>
    </div>
  );
}
