"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ExternalLink, History, Play, X } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { RunForContactDialog } from "@/components/runs/run-for-contact-dialog";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { isLive } from "@/components/runs/types";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { cn } from "@/lib/ui/cn";
import { useBuilderStore } from "../store";
import { useRunOverlay } from "./overlay-store";
import { runPath } from "./run-path";
import { RunSettings } from "./run-settings";

/** The canvas' counts are asked for again this often while Runs mode is on. */
const OVERLAY_REFRESH_MS = 5000;
const RANGES = ["today", "7d", "30d", "all"] as const;
type Range = (typeof RANGES)[number];

/** Local midnight at the start of the range (today, the last 7 or 30 days including today), or none. */
function rangeStart(range: Range): Date | undefined {
  if (range === "all") return undefined;
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  if (range === "7d") start.setDate(start.getDate() - 6);
  if (range === "30d") start.setDate(start.getDate() - 29);
  return start;
}

export interface RunsPanelFlow {
  id: string;
  status: "draft" | "published" | "archived";
  runPolicy: "skip" | "restart" | "queue";
  priority: number;
}

/**
 * Runs mode's side panel: the date range of the canvas counts, this flow's recent runs (choosing one
 * draws its path on the canvas), "Run for contact", and the run settings.
 */
export function RunsPanel({ flow }: { flow: RunsPanelFlow }) {
  const t = useTranslations("runs.canvas");
  const tc = useTranslations("common");
  const format = useFormatter();
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const [range, setRange] = useState<Range>("7d");
  const [starting, setStarting] = useState(false);
  const from = useMemo(() => rangeStart(range), [range]);
  const selectedRunId = useRunOverlay((s) => s.selectedRunId);
  const selectRun = useRunOverlay((s) => s.selectRun);
  const scope = { workspaceSlug: workspace.slug, flowId: flow.id };

  const overlay = useQuery(
    trpc.run.overlay.queryOptions(
      { ...scope, from },
      { refetchInterval: OVERLAY_REFRESH_MS, placeholderData: keepPreviousData },
    ),
  );
  const runs = useQuery(
    trpc.run.list.queryOptions(
      { ...scope, from, page: 1 },
      { refetchInterval: OVERLAY_REFRESH_MS, placeholderData: keepPreviousData },
    ),
  );
  const selected = useQuery(
    trpc.run.get.queryOptions(
      { workspaceSlug: workspace.slug, runId: selectedRunId ?? "" },
      {
        enabled: selectedRunId !== null,
        refetchInterval: (query) => (query.state.data && isLive(query.state.data.run) ? 3000 : false),
      },
    ),
  );

  // Runs mode is on while this panel is shown
  useEffect(() => {
    useRunOverlay.getState().setActive(true);
    return () => useRunOverlay.getState().setActive(false);
  }, []);

  useEffect(() => {
    if (overlay.data) useRunOverlay.getState().setCounts(overlay.data);
  }, [overlay.data]);

  useEffect(() => {
    const steps = selected.data?.steps;
    if (!selectedRunId || !steps || selected.data?.run.id !== selectedRunId) return;
    useRunOverlay.getState().setPath(runPath(selectedRunId, steps, useBuilderStore.getState().edges));
  }, [selected.data, selectedRunId]);

  const canStart = workspace.can("editor") && flow.status === "published";

  return (
    <aside
      data-builder-panel
      aria-label={t("region")}
      data-testid="runs-panel"
      className="flex w-80 shrink-0 flex-col border-s border-slate-200 bg-white 2xl:w-96"
    >
      <div className="shrink-0 space-y-3 border-b border-slate-200 p-3">
        <div role="group" aria-label={t("range.label")} className="flex rounded-lg bg-slate-100 p-0.5">
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={range === r}
              data-testid={`runs-range-${r}`}
              onClick={() => setRange(r)}
              className="flex-1 rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:text-slate-900 aria-pressed:bg-white aria-pressed:text-slate-900 aria-pressed:shadow-xs"
            >
              {t(`range.${r}`)}
            </button>
          ))}
        </div>
        {overlay.isError ? (
          <p role="alert" className="text-xs text-red-600">
            {describeError(overlay.error)}
          </p>
        ) : (
          <p className="text-xs text-slate-500">{t("countsHint")}</p>
        )}
        {canStart ? (
          <Button className="w-full" onClick={() => setStarting(true)} data-testid="run-for-contact">
            <Play aria-hidden className="size-4 rtl:-scale-x-100" />
            {t("runForContact")}
          </Button>
        ) : workspace.can("editor") ? (
          <p className="rounded-md bg-slate-50 p-2 text-xs text-slate-600" data-testid="run-needs-publish">
            {t("publishFirst")}
          </p>
        ) : null}
      </div>

      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="flex items-center justify-between px-3 pb-1 pt-3">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("recent")}</h2>
          {selectedRunId ? (
            <button
              type="button"
              onClick={() => selectRun(null)}
              className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100"
              data-testid="clear-run-path"
            >
              <X aria-hidden className="size-3" />
              {t("clearPath")}
            </button>
          ) : null}
        </div>
        {runs.isPending ? (
          <LoadingState label={tc("loading")} />
        ) : runs.isError ? (
          <div className="p-3">
            <ErrorState title={tc("errorTitle")} message={describeError(runs.error)} />
          </div>
        ) : runs.data.runs.length === 0 ? (
          <div className="flex flex-col items-center px-6 py-8 text-center" data-testid="flow-runs-empty">
            <History aria-hidden className="size-8 text-slate-300" />
            <p className="mt-2 text-sm font-medium text-slate-700">{t("noRunsTitle")}</p>
            <p className="mt-1 text-xs text-slate-500">{t("noRunsBody")}</p>
          </div>
        ) : (
          <ul className="space-y-1 px-2 pb-3" data-testid="flow-runs">
            {runs.data.runs.map((run) => {
              const active = run.id === selectedRunId;
              return (
                <li key={run.id}>
                  <div
                    className={cn(
                      "rounded-md border p-2",
                      active ? "border-brand-500 bg-brand-50/60" : "border-transparent hover:bg-slate-50",
                    )}
                  >
                    <button
                      type="button"
                      aria-pressed={active}
                      onClick={() => selectRun(active ? null : run.id)}
                      data-testid="flow-run-item"
                      data-run-id={run.id}
                      className="block w-full text-start"
                    >
                      <span className="flex items-center justify-between gap-2">
                        <span className="min-w-0 truncate text-sm font-medium text-slate-800" dir="auto">
                          {run.contactName ?? (
                            <span dir="ltr" className="font-mono text-xs">
                              {run.contactPhone ?? t("noContact")}
                            </span>
                          )}
                        </span>
                        <RunStatusBadge run={run} className="text-[11px]" />
                      </span>
                      <span className="mt-0.5 block text-xs text-slate-500">
                        {run.contactName && run.contactPhone ? (
                          <span dir="ltr" className="font-mono">
                            {run.contactPhone} ·{" "}
                          </span>
                        ) : null}
                        {format.dateTime(run.createdAt, { dateStyle: "short", timeStyle: "short" })}
                      </span>
                    </button>
                    {active ? (
                      <Link
                        href={`/w/${workspace.slug}/runs/${run.id}`}
                        className="mt-1.5 inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline"
                        data-testid="open-selected-run"
                      >
                        {t("openRun")}
                        <ExternalLink aria-hidden className="size-3" />
                      </Link>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}

        <details className="border-t border-slate-200 px-3 py-3" data-testid="run-settings-section">
          <summary className="cursor-pointer select-none text-xs font-semibold uppercase tracking-wide text-slate-500">
            {t("settings")}
          </summary>
          <div className="mt-3">
            <RunSettings flowId={flow.id} runPolicy={flow.runPolicy} priority={flow.priority} />
          </div>
        </details>
      </div>
      {canStart ? <RunForContactDialog flowId={flow.id} open={starting} onOpenChange={setStarting} /> : null}
    </aside>
  );
}
