"use client";

import { ArrowLeftRight, GitBranch, MessageSquareText, Workflow, Zap } from "lucide-react";
import { useTranslations } from "next-intl";
import type { FlowStarter } from "@/lib/flow/inputs";
import { StarterButtons } from "./starter-card";

/**
 * The page before the first flow: what a flow is, in four steps, and the starters to begin from. Viewers
 * read the explanation only; creating is for editors.
 */
export function FirstFlowIntro({
  canEdit,
  archivedCount,
  onChoose,
  onImport,
  onShowArchived,
}: {
  canEdit: boolean;
  archivedCount: number;
  onChoose: (starter: FlowStarter) => void;
  onImport: () => void;
  onShowArchived: () => void;
}) {
  const t = useTranslations("flows.intro");
  const steps = [
    { key: "trigger", icon: Zap },
    { key: "send", icon: MessageSquareText },
    { key: "wait", icon: ArrowLeftRight },
    { key: "branch", icon: GitBranch },
  ] as const;

  return (
    <section data-testid="flows-first-time" aria-labelledby="flows-intro-title" className="p-6 sm:p-8">
      <div className="flex items-start gap-4">
        <span className="hidden size-12 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-700 sm:flex">
          <Workflow aria-hidden className="size-6" />
        </span>
        <div>
          <h2 id="flows-intro-title" className="text-lg font-semibold">
            {t("title")}
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("body")}</p>
        </div>
      </div>

      <ol className="mt-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {steps.map(({ key, icon: Icon }, i) => (
          <li key={key} className="flex gap-3 rounded-lg bg-slate-50 p-3 text-sm">
            <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-white text-slate-600 ring-1 ring-slate-200">
              <Icon aria-hidden className="size-3.5" />
            </span>
            <span>
              <span className="block font-medium text-slate-800">
                {i + 1}. {t(`steps.${key}.title`)}
              </span>
              <span className="block text-xs text-slate-500">{t(`steps.${key}.body`)}</span>
            </span>
          </li>
        ))}
      </ol>

      {canEdit ? (
        <div className="mt-8">
          <h3 className="mb-3 text-sm font-semibold text-slate-800">{t("startTitle")}</h3>
          <StarterButtons onChoose={onChoose} />
          <p className="mt-4 text-sm text-slate-500">
            {t.rich("importHint", {
              link: (chunks) => (
                <button
                  type="button"
                  onClick={onImport}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {chunks}
                </button>
              ),
            })}
          </p>
        </div>
      ) : (
        <p className="mt-6 rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-600">{t("viewerHint")}</p>
      )}

      {archivedCount > 0 ? (
        <p className="mt-3 text-sm text-slate-500">
          {t("archivedHint", { count: archivedCount })}{" "}
          <button
            type="button"
            onClick={onShowArchived}
            className="font-medium text-brand-700 hover:underline"
          >
            {t("showArchived")}
          </button>
        </p>
      ) : null}
    </section>
  );
}
