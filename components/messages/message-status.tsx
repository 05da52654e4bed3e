"use client";

import { AlertCircle, ArrowDownLeft, Check, CheckCheck, Clock, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import type { MessageStatus } from "./types";
import { cn } from "@/lib/ui/cn";

const LOOK: Record<MessageStatus, { icon: LucideIcon; tone: string; badge: string }> = {
  pending: { icon: Clock, tone: "text-slate-400", badge: "bg-slate-100 text-slate-700 ring-slate-200" },
  accepted: { icon: Clock, tone: "text-slate-400", badge: "bg-slate-100 text-slate-700 ring-slate-200" },
  sent: { icon: Check, tone: "text-slate-500", badge: "bg-slate-100 text-slate-700 ring-slate-200" },
  delivered: {
    icon: CheckCheck,
    tone: "text-slate-500",
    badge: "bg-slate-100 text-slate-800 ring-slate-200",
  },
  read: { icon: CheckCheck, tone: "text-sky-500", badge: "bg-sky-50 text-sky-800 ring-sky-200" },
  failed: { icon: AlertCircle, tone: "text-red-600", badge: "bg-red-50 text-red-700 ring-red-200" },
  received: {
    icon: ArrowDownLeft,
    tone: "text-slate-500",
    badge: "bg-brand-50 text-brand-700 ring-brand-100",
  },
};

/** WhatsApp's ticks: a clock while sending, ✓ sent, ✓✓ delivered, blue ✓✓ read, red when it failed. */
export function StatusTicks({ status, className }: { status: MessageStatus; className?: string }) {
  const t = useTranslations("channel.status");
  const { icon: Icon, tone } = LOOK[status];
  return (
    <span role="img" aria-label={t(status)} title={t(status)} data-status={status} className="inline-flex">
      <Icon aria-hidden className={cn("size-3.5", tone, className)} />
    </span>
  );
}

/** The status as a labelled pill, with its ticks. */
export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const t = useTranslations("channel.status");
  const { icon: Icon, tone, badge } = LOOK[status];
  return (
    <span
      data-testid="message-status"
      data-status={status}
      className={cn(
        "inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        badge,
      )}
    >
      <Icon aria-hidden className={cn("size-3.5", tone)} />
      {t(status)}
    </span>
  );
}
