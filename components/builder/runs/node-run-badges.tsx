"use client";

import { CircleCheck, CircleX, Hourglass, LogIn, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { cn } from "@/lib/ui/cn";
import { useNodeRunCounts, type NodeRunCounts } from "./overlay-store";

const BADGES: { key: keyof NodeRunCounts; icon: LucideIcon; tone: string; always?: boolean }[] = [
  { key: "entered", icon: LogIn, tone: "bg-slate-800 text-white", always: true },
  { key: "waiting", icon: Hourglass, tone: "bg-sky-600 text-white" },
  { key: "completed", icon: CircleCheck, tone: "bg-brand-600 text-white" },
  { key: "failed", icon: CircleX, tone: "bg-red-600 text-white" },
];

/**
 * Runs mode: how many runs entered this node over the chosen range, how many wait there now, completed
 * it or failed in it — small pills above the node's top edge. Renders nothing outside Runs mode.
 */
function NodeRunBadgesView({ nodeId }: { nodeId: string }) {
  const t = useTranslations("runs.canvas.counts");
  const counts = useNodeRunCounts(nodeId);
  if (!counts) return null;
  return (
    <div
      className="pointer-events-none absolute -top-3 right-2 flex gap-1"
      data-testid="node-run-counts"
      data-entered={counts.entered}
      data-waiting={counts.waiting}
      data-completed={counts.completed}
      data-failed={counts.failed}
    >
      {BADGES.map(({ key, icon: Icon, tone, always }) =>
        always || counts[key] > 0 ? (
          <span
            key={key}
            data-testid={`node-run-${key}`}
            title={t(key, { n: counts[key] })}
            className={cn(
              "inline-flex items-center gap-0.5 rounded-full px-1.5 py-0.5 text-[10px] font-semibold tabular-nums shadow-sm",
              tone,
            )}
          >
            <Icon aria-hidden className="size-3" />
            {counts[key]}
            <span className="sr-only">{t(key, { n: counts[key] })}</span>
          </span>
        ) : null,
      )}
    </div>
  );
}

export const NodeRunBadges = memo(NodeRunBadgesView);
