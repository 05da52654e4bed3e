"use client";

import { BellOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/ui/cn";

export type SuppressionScope = "marketing" | "all";

const tone: Record<SuppressionScope, string> = {
  all: "bg-red-50 text-red-700 ring-red-200",
  marketing: "bg-amber-50 text-amber-800 ring-amber-200",
};

/** "Opted out of all messages" / "… of marketing": one badge, the widest scope wins. */
export function SuppressionBadge({ scopes }: { scopes: readonly string[] }) {
  const t = useTranslations("contacts.suppression");
  const scope: SuppressionScope | null = scopes.includes("all")
    ? "all"
    : scopes.includes("marketing")
      ? "marketing"
      : null;
  if (!scope) return null;
  return (
    <span
      data-testid="suppression-badge"
      data-scope={scope}
      className={cn(
        "inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        tone[scope],
      )}
    >
      <BellOff aria-hidden className="size-3" />
      {t(`badge.${scope}`)}
    </span>
  );
}
