"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/lib/ui/cn";

export type FlowStatus = "draft" | "published" | "archived";

const tone: Record<FlowStatus, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-200",
  published: "bg-brand-50 text-brand-700 ring-brand-100",
  archived: "bg-amber-50 text-amber-800 ring-amber-200",
};

/** The flow's state, with the live version when one was published ("Published · v3"). */
export function FlowStatusBadge({
  status,
  publishedVersion,
}: {
  status: FlowStatus;
  publishedVersion: number | null;
}) {
  const t = useTranslations("flows.status");
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <span
        data-testid="flow-status"
        className={cn(
          "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
          tone[status],
        )}
      >
        {t(status)}
      </span>
      {publishedVersion !== null ? (
        <span
          data-testid="flow-version"
          title={t("versionTitle", { version: publishedVersion })}
          className="font-mono text-xs text-slate-500"
          dir="ltr"
        >
          {t("version", { version: publishedVersion })}
        </span>
      ) : null}
    </span>
  );
}
