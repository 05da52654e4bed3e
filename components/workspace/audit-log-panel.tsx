"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ScrollText, ShieldAlert } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { isRole } from "@/lib/auth/roles";

const PAGE_SIZE = 25;

export function AuditLogPanel() {
  const t = useTranslations("audit");
  const tc = useTranslations("common");
  const format = useFormatter();
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const [action, setAction] = useState("");
  const [actorId, setActorId] = useState("");
  const [page, setPage] = useState(1);
  const isAdmin = workspace.can("admin");
  const tr = useTranslations("roles");
  const roleName = (value: unknown) =>
    typeof value === "string" && isRole(value) ? tr(value) : String(value);
  /** The entry's specifics in a line: who it concerned, and a role change as before → after. */
  function describeMeta(meta: Record<string, unknown>): string {
    const parts: string[] = [];
    for (const key of ["email", "name"] as const) if (typeof meta[key] === "string") parts.push(meta[key]);
    if (meta.from !== undefined && meta.to !== undefined) {
      parts.push(`${roleName(meta.from)} → ${roleName(meta.to)}`);
    }
    if (meta.role !== undefined) parts.push(roleName(meta.role));
    for (const key of ["provider", "ip", "failures"] as const)
      if (meta[key] !== undefined) parts.push(`${key}: ${String(meta[key])}`);
    return parts.join(" · ");
  }
  const scope = { workspaceSlug: workspace.slug };
  const members = useQuery(trpc.member.list.queryOptions(scope, { enabled: isAdmin }));
  const log = useQuery(
    trpc.audit.list.queryOptions(
      { ...scope, action: action || undefined, actorId: actorId || undefined, page, pageSize: PAGE_SIZE },
      { enabled: isAdmin, placeholderData: keepPreviousData },
    ),
  );

  if (!isAdmin) {
    return <EmptyState icon={ShieldAlert} title={t("forbiddenTitle")} description={t("forbiddenBody")} />;
  }
  const pages = log.data ? Math.max(1, Math.ceil(log.data.total / PAGE_SIZE)) : 1;

  return (
    <Card>
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 p-4">
        <label className="text-sm">
          <span className="mb-1 block text-slate-600">{t("action")}</span>
          <Select
            data-testid="audit-action-filter"
            className="w-56"
            value={action}
            onChange={(e) => {
              setAction(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t("allActions")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`actions.${a.replace(".", "_")}`)}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-slate-600">{t("actor")}</span>
          <Select
            className="w-56"
            value={actorId}
            onChange={(e) => {
              setActorId(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t("allActors")}</option>
            {members.data?.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name ?? m.email}
              </option>
            ))}
          </Select>
        </label>
      </div>
      {log.isPending ? (
        <LoadingState label={tc("loading")} />
      ) : log.isError ? (
        <div className="p-5">
          <ErrorState title={tc("errorTitle")} message={log.error.message} />
        </div>
      ) : log.data.entries.length === 0 ? (
        <div className="p-5">
          <EmptyState icon={ScrollText} title={t("emptyTitle")} description={t("emptyBody")} />
        </div>
      ) : (
        <>
          <table className="w-full text-sm" data-testid="audit-table">
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-5 py-2 text-start font-medium">{t("when")}</th>
                <th className="px-5 py-2 text-start font-medium">{t("actor")}</th>
                <th className="px-5 py-2 text-start font-medium">{t("action")}</th>
                <th className="px-5 py-2 text-start font-medium">{t("details")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {log.data.entries.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap px-5 py-2.5 text-slate-500">
                    {format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                  </td>
                  <td className="whitespace-nowrap px-5 py-2.5">
                    {e.actorName ?? e.actorEmail ?? t("system")}
                  </td>
                  <td className="px-5 py-2.5 font-medium">
                    {t.has(`actions.${e.action.replace(".", "_")}`)
                      ? t(`actions.${e.action.replace(".", "_")}`)
                      : e.action}
                  </td>
                  <td className="px-5 py-2.5 text-xs text-slate-500" dir="auto">
                    {describeMeta(e.meta)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm text-slate-600">
            <span>{t("pageOf", { page, pages, total: log.data.total })}</span>
            <div className="flex gap-2">
              <Button
                size="sm"
                variant="secondary"
                disabled={page <= 1}
                onClick={() => setPage((p) => p - 1)}
              >
                {t("previous")}
              </Button>
              <Button
                size="sm"
                variant="secondary"
                disabled={page >= pages}
                onClick={() => setPage((p) => p + 1)}
              >
                {t("next")}
              </Button>
            </div>
          </div>
        </>
      )}
    </Card>
  );
}
