"use client";

import {
  Ban,
  CircleCheck,
  CircleX,
  Clock,
  Hourglass,
  Loader2,
  MessageSquareReply,
  type LucideIcon,
} from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/ui/cn";
import type { RunStatus } from "./types";

/** What a run is doing, as people see it: a running run parked on a reply or a delay is "waiting". */
export type RunDisplayStatus = RunStatus | "waiting_reply" | "waiting_delay";

export function displayStatus(run: { status: RunStatus; waitingFor: string | null }): RunDisplayStatus {
  if (run.status !== "running") return run.status;
  if (run.waitingFor === "reply") return "waiting_reply";
  if (run.waitingFor === "sleep") return "waiting_delay";
  return "running";
}

const LOOK: Record<RunDisplayStatus, { icon: LucideIcon; tone: string; spin?: boolean }> = {
  queued: { icon: Clock, tone: "bg-slate-100 text-slate-700 ring-slate-200" },
  running: { icon: Loader2, tone: "bg-sky-50 text-sky-800 ring-sky-200", spin: true },
  waiting_reply: { icon: MessageSquareReply, tone: "bg-sky-50 text-sky-800 ring-sky-200" },
  waiting_delay: { icon: Hourglass, tone: "bg-sky-50 text-sky-800 ring-sky-200" },
  completed: { icon: CircleCheck, tone: "bg-brand-50 text-brand-700 ring-brand-100" },
  failed: { icon: CircleX, tone: "bg-red-50 text-red-700 ring-red-200" },
  cancelled: { icon: Ban, tone: "bg-amber-50 text-amber-800 ring-amber-200" },
};

/** The run's state as a labelled pill. */
export function RunStatusBadge({
  run,
  className,
}: {
  run: { status: RunStatus; waitingFor: string | null };
  className?: string;
}) {
  const t = useTranslations("runs.status");
  const status = displayStatus(run);
  const { icon: Icon, tone, spin } = LOOK[status];
  return (
    <span
      data-testid="run-status"
      data-status={status}
      className={cn(
        "inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        tone,
        className,
      )}
    >
      <Icon aria-hidden className={cn("size-3.5", spin && "animate-spin motion-reduce:animate-none")} />
      {t(status)}
    </span>
  );
}
