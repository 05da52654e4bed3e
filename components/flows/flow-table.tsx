"use client";

import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useWorkspace } from "@/components/shell/workspace-context";
import { FlowRowMenu } from "./flow-row-menu";
import { FlowStatusBadge } from "./flow-status-badge";
import type { FlowListItem } from "./types";

/** One page of flows: name (to the builder), state, size, and who changed it last and when. */
export function FlowTable({ flows }: { flows: FlowListItem[] }) {
  const t = useTranslations("flows.table");
  const workspace = useWorkspace();
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });

  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed text-sm" data-testid="flows-table">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2 sm:px-5 text-start font-medium">
              {t("name")}
            </th>
            <th scope="col" className="w-28 px-3 py-2 text-start font-medium sm:w-40 sm:px-5">
              {t("status")}
            </th>
            <th scope="col" className="hidden w-28 px-3 py-2 sm:px-5 text-start font-medium sm:table-cell">
              {t("nodes")}
            </th>
            <th scope="col" className="hidden w-64 px-3 py-2 sm:px-5 text-start font-medium md:table-cell">
              {t("edited")}
            </th>
            <th scope="col" className="w-12 px-2 py-2 sm:w-14">
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {flows.map((flow) => {
            // the server's clock may run a little ahead of this one: never say "in 1 second"
            const edited = format.relativeTime(Math.min(flow.updatedAt.getTime(), now.getTime()), now);
            return (
              <tr key={flow.id} data-testid={`flow-row-${flow.id}`} className="hover:bg-slate-50/60">
                <td className="px-3 py-3 sm:px-5">
                  <Link
                    href={`/w/${workspace.slug}/flows/${flow.id}`}
                    className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                    dir="auto"
                  >
                    {flow.name}
                  </Link>
                  {flow.description ? (
                    <p className="truncate text-xs text-slate-500" dir="auto">
                      {flow.description}
                    </p>
                  ) : null}
                  {/* the columns a narrow screen hides, in one line */}
                  <p className="truncate text-xs text-slate-500 md:hidden">
                    <span className="sm:hidden">{t("nodeCount", { count: flow.nodeCount })} · </span>
                    {edited}
                  </p>
                </td>
                <td className="px-3 py-3 sm:px-5">
                  <FlowStatusBadge status={flow.status} publishedVersion={flow.publishedVersion} />
                </td>
                <td className="hidden whitespace-nowrap px-3 py-3 sm:px-5 text-slate-600 sm:table-cell">
                  {t("nodeCount", { count: flow.nodeCount })}
                </td>
                <td className="hidden whitespace-nowrap px-3 py-3 sm:px-5 text-slate-500 md:table-cell">
                  <time
                    dateTime={flow.updatedAt.toISOString()}
                    title={format.dateTime(flow.updatedAt, { dateStyle: "medium", timeStyle: "short" })}
                  >
                    {flow.updatedByName
                      ? t.rich("editedBy", {
                          time: edited,
                          name: flow.updatedByName,
                          who: (chunks) => <bdi className="text-slate-700">{chunks}</bdi>,
                        })
                      : edited}
                  </time>
                </td>
                <td className="px-2 py-3 text-end">
                  <FlowRowMenu flow={flow} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
