"use client";

import { CircleAlert, CircleCheck, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/ui/cn";
import { useRevealElement } from "./center";
import { nodeTitle } from "./describe";
import { useBuilderStore } from "./store";
import { useBuilderUi } from "./ui-store";
import { sortFindings, useFindingText } from "./use-finding-text";

/** Every finding of the draft, errors first; a click selects the node (or edge) and centres it. */
export function IssuesPanel() {
  const t = useTranslations("builder.issues");
  const tb = useTranslations("builder");
  const findings = useBuilderStore((s) => s.findings);
  const findingText = useFindingText();
  const reveal = useRevealElement();
  const setPanel = useBuilderUi((s) => s.setPanel);

  if (findings.length === 0) {
    return (
      <div className="flex flex-col items-center px-6 py-12 text-center" data-testid="issues-empty">
        <CircleCheck aria-hidden className="size-8 text-emerald-500" />
        <p className="mt-3 text-sm font-medium text-slate-700">{t("noneTitle")}</p>
        <p className="mt-1 text-xs text-slate-500">{t("noneBody")}</p>
      </div>
    );
  }

  // Titles are read when findings change, which every label or node change causes.
  const nodes = useBuilderStore.getState().nodes;
  const titles = new Map(nodes.map((n) => [n.id, nodeTitle(tb, { type: n.type, label: n.data.label })]));

  return (
    <ul className="divide-y divide-slate-100" data-testid="issues-list" aria-label={t("title")}>
      {sortFindings(findings).map((f, i) => {
        const target = f.nodeId ? titles.get(f.nodeId) : f.edgeId ? t("connection") : t("wholeFlow");
        const clickable = Boolean(f.nodeId || f.edgeId);
        const body = (
          <>
            {f.severity === "error" ? (
              <CircleAlert aria-label={t("error")} className="mt-0.5 size-4 shrink-0 text-red-600" />
            ) : (
              <TriangleAlert aria-label={t("warning")} className="mt-0.5 size-4 shrink-0 text-amber-600" />
            )}
            <span className="min-w-0">
              <span className="block text-sm text-slate-800">{findingText(f)}</span>
              {target ? (
                <span className="mt-0.5 block truncate text-xs text-slate-500" dir="auto">
                  {target}
                </span>
              ) : null}
            </span>
          </>
        );
        return (
          <li
            key={`${f.code}-${f.nodeId ?? f.edgeId ?? ""}-${i}`}
            data-testid="issue"
            data-severity={f.severity}
            data-code={f.code}
          >
            {clickable ? (
              <button
                type="button"
                onClick={() => {
                  reveal({ nodeId: f.nodeId, edgeId: f.nodeId ? undefined : f.edgeId });
                  if (f.nodeId) setPanel("step");
                }}
                className={cn("flex w-full items-start gap-2.5 px-4 py-3 text-start hover:bg-slate-50")}
              >
                {body}
              </button>
            ) : (
              <div className="flex items-start gap-2.5 px-4 py-3">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
