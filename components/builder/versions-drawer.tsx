"use client";

import { useQuery } from "@tanstack/react-query";
import { Download, History, RotateCcw } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { DialogShell } from "./dialog-shell";

/** The published versions, newest first: restore one into the draft, or export it. */
export default function VersionsDrawer({
  open,
  onOpenChange,
  flowId,
  readOnly,
  onRestore,
  onExport,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  flowId: string;
  readOnly: boolean;
  onRestore: (number: number) => Promise<boolean>;
  onExport: (number: number) => void;
}) {
  const t = useTranslations("builder.versions");
  const tc = useTranslations("common");
  const format = useFormatter();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const versions = useQuery(
    trpc.flow.listVersions.queryOptions({ workspaceSlug: slug, flowId }, { enabled: open }),
  );
  const [restoring, setRestoring] = useState<number | null>(null);

  return (
    <DialogShell
      open={open}
      onOpenChange={onOpenChange}
      title={t("title")}
      description={t("description")}
      side
      testId="versions-drawer"
    >
      {versions.isPending ? (
        <LoadingState label={tc("loading")} />
      ) : versions.isError ? (
        <div className="p-5">
          <ErrorState
            title={tc("errorTitle")}
            message={versions.error.message}
            action={
              <Button variant="secondary" onClick={() => void versions.refetch()}>
                {tc("retry")}
              </Button>
            }
          />
        </div>
      ) : versions.data.length === 0 ? (
        <div className="flex flex-col items-center px-6 py-12 text-center">
          <History aria-hidden className="size-8 text-slate-300" />
          <p className="mt-3 text-sm font-medium text-slate-700">{t("noneTitle")}</p>
          <p className="mt-1 text-xs text-slate-500">{t("noneBody")}</p>
        </div>
      ) : (
        <ol className="divide-y divide-slate-100" data-testid="versions-list">
          {versions.data.map((v, i) => (
            <li key={v.number} className="space-y-2 px-5 py-4" data-testid={`version-${v.number}`}>
              <div className="flex items-baseline gap-2">
                <span className="text-sm font-semibold text-slate-900">{t("version", { n: v.number })}</span>
                {i === 0 ? (
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-[11px] font-medium text-emerald-700">
                    {t("live")}
                  </span>
                ) : null}
                <span className="ms-auto text-xs text-slate-500">{t("steps", { n: v.nodeCount })}</span>
              </div>
              {v.note ? (
                <p className="whitespace-pre-wrap text-sm text-slate-700" dir="auto">
                  {v.note}
                </p>
              ) : (
                <p className="text-sm italic text-slate-400">{t("noNote")}</p>
              )}
              <p className="text-xs text-slate-500">
                {t("publishedBy", {
                  who: v.publishedByName ?? t("someone"),
                  date: format.dateTime(v.publishedAt, { dateStyle: "medium", timeStyle: "short" }),
                })}
              </p>
              <div className="flex flex-wrap gap-2 pt-1">
                {readOnly ? null : (
                  <ConfirmDialog
                    trigger={
                      <Button size="sm" variant="secondary" disabled={restoring !== null}>
                        <RotateCcw aria-hidden className="size-3.5" />
                        {restoring === v.number ? t("restoring") : t("restore")}
                      </Button>
                    }
                    title={t("restoreTitle", { n: v.number })}
                    description={t("restoreBody")}
                    confirmLabel={t("restoreConfirm")}
                    cancelLabel={tc("cancel")}
                    onConfirm={() => {
                      setRestoring(v.number);
                      void onRestore(v.number).then((ok) => {
                        setRestoring(null);
                        if (ok) onOpenChange(false);
                      });
                    }}
                  />
                )}
                <Button size="sm" variant="ghost" onClick={() => onExport(v.number)}>
                  <Download aria-hidden className="size-3.5" />
                  {t("export")}
                </Button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </DialogShell>
  );
}
