"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense } from "react";
import { cn } from "@/lib/ui/cn";
import { IssuesPanel } from "./issues-panel";
import { useBuilderStore } from "./store";
import { useBuilderUi } from "./ui-store";

/** The forms are not needed for the first paint: they load right after it (see FlowBuilder). */
export const loadSelectionPanel = () => import("./panels/selection-panel");
const SelectionPanel = lazy(() => loadSelectionPanel().then((m) => ({ default: m.SelectionPanel })));

/** The side panel on the end side: the selected step's settings, or the list of issues. */
export function SidePanel() {
  const t = useTranslations("builder.panel");
  const panel = useBuilderUi((s) => s.panel);
  const setPanel = useBuilderUi((s) => s.setPanel);
  const errors = useBuilderStore((s) => s.findings.filter((f) => f.severity === "error").length);
  const total = useBuilderStore((s) => s.findings.length);

  const tab = (id: "step" | "issues", label: string, badge?: number) => (
    <button
      type="button"
      role="tab"
      id={`builder-tab-${id}`}
      aria-selected={panel === id}
      aria-controls={`builder-tabpanel-${id}`}
      onClick={() => setPanel(id)}
      className={cn(
        "-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-2.5 text-sm font-medium",
        panel === id
          ? "border-brand-600 text-brand-700"
          : "border-transparent text-slate-500 hover:text-slate-800",
      )}
    >
      {label}
      {badge ? (
        <span
          className={cn(
            "rounded-full px-1.5 text-[11px] font-semibold",
            errors > 0 ? "bg-red-100 text-red-700" : "bg-amber-100 text-amber-700",
          )}
        >
          {badge}
        </span>
      ) : null}
    </button>
  );

  return (
    <aside
      data-builder-panel
      aria-label={t("region")}
      className="flex w-80 shrink-0 flex-col border-s border-slate-200 bg-white 2xl:w-96"
    >
      <div
        role="tablist"
        aria-label={t("region")}
        className="flex shrink-0 gap-1 border-b border-slate-200 px-2"
      >
        {tab("step", t("stepTab"))}
        {tab("issues", t("issuesTab"), total)}
      </div>
      <div
        role="tabpanel"
        id={`builder-tabpanel-${panel}`}
        aria-labelledby={`builder-tab-${panel}`}
        className="min-h-0 flex-1 overflow-y-auto"
      >
        {panel === "step" ? (
          <Suspense fallback={<div className="h-40 animate-pulse bg-slate-50" />}>
            <SelectionPanel />
          </Suspense>
        ) : (
          <IssuesPanel />
        )}
      </div>
    </aside>
  );
}
