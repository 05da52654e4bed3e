"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { BellOff, Users } from "lucide-react";
import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { Tabs } from "radix-ui";
import { useCallback } from "react";
import { useDirection } from "@/components/flows/use-direction";
import { SearchBox } from "@/components/ui/search-box";
import { ConnectOrSendTest } from "@/components/messages/connect-or-send-test";
import type { ContactListItem } from "@/components/messages/types";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ListBody, ListEmptyState } from "@/components/ui/list-body";
import { SuppressionBadge } from "./suppression-badge";
import { CONTACT_FILTERS, useContactFilters, type ContactFilter } from "./use-contact-filters";

/** Everyone the workspace messaged or who wrote in: search, opted-out filter, pages. */
export function ContactsPage() {
  const t = useTranslations("contacts");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const dir = useDirection();
  const [filters, setFilters] = useContactFilters();

  const list = useQuery(
    trpc.contact.list.queryOptions(
      {
        workspaceSlug: workspace.slug,
        search: filters.search || undefined,
        suppressed: filters.filter === "suppressed" ? true : undefined,
        page: filters.page,
      },
      {
        placeholderData: keepPreviousData,
        // replies and opt-outs arrive by webhook while the page is away: never show a stale list on arrival
        refetchOnMount: "always",
      },
    ),
  );
  const onSearch = useCallback((text: string) => setFilters({ search: text }, "replace"), [setFilters]);

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <Tabs.Root
        dir={dir}
        value={filters.filter}
        onValueChange={(value) => setFilters({ filter: value as ContactFilter })}
      >
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <Tabs.List
            aria-label={t("tabs.label")}
            className="inline-flex max-w-full overflow-x-auto rounded-lg bg-slate-200/60 p-1"
          >
            {CONTACT_FILTERS.map((filter) => (
              <Tabs.Trigger
                key={filter}
                value={filter}
                data-testid={`contacts-tab-${filter}`}
                className="whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 data-[state=active]:bg-white data-[state=active]:text-slate-900 data-[state=active]:shadow-xs"
              >
                {t(`tabs.${filter}`)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <SearchBox
            value={filters.search}
            onSearch={onSearch}
            label={t("search.label")}
            placeholder={t("search.placeholder")}
            clearLabel={t("search.clear")}
            testId="contact-search"
          />
        </div>
        <Tabs.Content value={filters.filter} tabIndex={-1} className="focus-visible:outline-none">
          <Card className="overflow-hidden">
            <ListBody
              query={list}
              rows={(data) => data.contacts}
              loadingLabel={t("loading")}
              errorTitle={t("loadError")}
              pageSize={(data) => data.pageSize}
              paging={{
                page: filters.page,
                onPage: (page, mode) => setFilters({ page }, mode),
                label: t("pagination.label"),
                summary: (counts) => t("pagination.pageOf", counts),
                testIdPrefix: "contacts",
              }}
              filtered={Boolean(filters.search)}
              noMatch={{
                title: t("empty.noMatchTitle", { search: filters.search }),
                description: t("empty.noMatchBody"),
                clearLabel: t("search.clear"),
                onClear: () => onSearch(""),
              }}
              empty={
                filters.filter === "suppressed" ? (
                  <ListEmptyState
                    icon={BellOff}
                    title={t("empty.suppressedTitle")}
                    description={t("empty.suppressedBody")}
                  />
                ) : (
                  <ListEmptyState
                    icon={Users}
                    title={t("empty.title")}
                    description={t("empty.body")}
                    action={<ConnectOrSendTest />}
                  />
                )
              }
            >
              {(contacts) => <ContactTable contacts={contacts} />}
            </ListBody>
          </Card>
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}

function ContactTable({ contacts }: { contacts: ContactListItem[] }) {
  const t = useTranslations("contacts.table");
  const workspace = useWorkspace();
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="contacts-table">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-5 py-2 text-start font-medium">
              {t("name")}
            </th>
            <th scope="col" className="px-5 py-2 text-start font-medium">
              {t("phone")}
            </th>
            <th scope="col" className="hidden px-5 py-2 text-start font-medium sm:table-cell">
              {t("lastInbound")}
            </th>
            <th scope="col" className="px-5 py-2 text-start font-medium">
              {t("optOut")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {contacts.map((c) => {
            const href = `/w/${workspace.slug}/contacts/${c.id}`;
            return (
              <tr key={c.id} data-testid={`contact-row-${c.id}`} className="hover:bg-slate-50/60">
                <td className="px-5 py-3">
                  <Link
                    href={href}
                    dir="auto"
                    className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {c.name ?? t("noName")}
                  </Link>
                </td>
                <td className="px-5 py-3">
                  <Link
                    href={href}
                    dir="ltr"
                    data-testid="contact-phone"
                    className="inline-block font-mono text-[13px] text-slate-700 hover:text-brand-700 hover:underline"
                  >
                    {c.phone}
                  </Link>
                </td>
                <td className="hidden whitespace-nowrap px-5 py-3 text-slate-500 sm:table-cell">
                  {c.lastInboundAt ? (
                    <time
                      dateTime={c.lastInboundAt.toISOString()}
                      title={format.dateTime(c.lastInboundAt, { dateStyle: "medium", timeStyle: "short" })}
                    >
                      {format.relativeTime(Math.min(c.lastInboundAt.getTime(), now.getTime()), now)}
                    </time>
                  ) : (
                    t("neverWrote")
                  )}
                </td>
                <td className="px-5 py-3">
                  {c.suppressedScopes.length > 0 ? (
                    <SuppressionBadge scopes={c.suppressedScopes} />
                  ) : (
                    <span className="text-xs text-slate-500">{t("reachable")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
