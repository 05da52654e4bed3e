"use client";

import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useWorkspace } from "@/components/shell/workspace-context";
import { elapsed } from "./duration";
import { RunFailure } from "./run-failure";
import { RunStatusBadge } from "./run-status-badge";
import { useDurationText } from "./run-text";
import type { RunListItem } from "./types";

/** One page of runs: when, how it is going, which flow, for whom, from what, how long, and why it stopped. */
export function RunTable({ runs }: { runs: RunListItem[] }) {
  const t = useTranslations("runs.list.table");
  const tt = useTranslations("runs.trigger");
  const format = useFormatter();
  const workspace = useWorkspace();
  const duration = useDurationText();
  const now = useNow({ updateInterval: 5000 });
  const base = `/w/${workspace.slug}`;

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="runs-table">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="w-44 px-4 py-2 text-start font-medium">
              {t("started")}
            </th>
            <th scope="col" className="w-44 px-4 py-2 text-start font-medium">
              {t("status")}
            </th>
            <th scope="col" className="px-4 py-2 text-start font-medium">
              {t("flow")}
            </th>
            <th scope="col" className="w-48 px-4 py-2 text-start font-medium">
              {t("contact")}
            </th>
            <th scope="col" className="w-28 px-4 py-2 text-start font-medium">
              {t("trigger")}
            </th>
            <th scope="col" className="w-28 px-4 py-2 text-start font-medium">
              {t("duration")}
            </th>
            <th scope="col" className="w-72 px-4 py-2 text-start font-medium">
              {t("reason")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => {
            const length = elapsed(run.startedAt ?? run.createdAt, run.endedAt, now.getTime());
            return (
              <tr key={run.id} data-testid={`run-row-${run.id}`} className="align-top hover:bg-slate-50/60">
                <td className="whitespace-nowrap px-4 py-3">
                  <Link
                    href={`${base}/runs/${run.id}`}
                    data-testid="run-link"
                    aria-label={t("open", {
                      flow: run.flowName,
                      time: format.dateTime(run.createdAt, { dateStyle: "medium", timeStyle: "short" }),
                    })}
                    className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    <time dateTime={run.createdAt.toISOString()}>
                      {format.dateTime(run.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                    </time>
                  </Link>
                </td>
                <td className="px-4 py-3">
                  <RunStatusBadge run={run} />
                </td>
                <td className="px-4 py-3">
                  <Link
                    href={`${base}/flows/${run.flowId}`}
                    className="block truncate hover:text-brand-700 hover:underline"
                    dir="auto"
                    data-testid="run-flow"
                  >
                    {run.flowName}
                  </Link>
                  <span className="font-mono text-xs text-slate-500" dir="ltr">
                    {t("version", { version: run.flowVersion })}
                  </span>
                </td>
                <td className="px-4 py-3">
                  {run.contactId ? (
                    <Link
                      href={`${base}/contacts/${run.contactId}`}
                      className="group block hover:text-brand-700"
                      data-testid="run-contact"
                    >
                      {run.contactName ? (
                        <span dir="auto" className="block truncate font-medium group-hover:underline">
                          {run.contactName}
                        </span>
                      ) : null}
                      <span
                        dir="ltr"
                        className={
                          run.contactName
                            ? "block text-start text-xs text-slate-500"
                            : "block text-start font-medium group-hover:underline"
                        }
                      >
                        {run.contactPhone}
                      </span>
                    </Link>
                  ) : (
                    <span className="text-slate-400">{t("noContact")}</span>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">{tt(run.triggerSource)}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                  {length === null ? "—" : duration(length)}
                </td>
                <td className="px-4 py-3">
                  {run.failureCode || run.failureMessage ? (
                    <RunFailure
                      code={run.failureCode}
                      message={run.failureMessage}
                      params={run.failureParams}
                      compact
                    />
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
