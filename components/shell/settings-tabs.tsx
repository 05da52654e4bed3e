"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/ui/cn";

const TABS = [
  { key: "general", path: "" },
  { key: "members", path: "/members" },
  { key: "connection", path: "/connection" },
  { key: "apiKeys", path: "/api-keys" },
  { key: "optOut", path: "/opt-out" },
  { key: "retention", path: "/retention" },
  { key: "audit", path: "/audit" },
] as const;

export function SettingsTabs({ slug }: { slug: string }) {
  const t = useTranslations("settings.tabs");
  const pathname = usePathname();
  const base = `/w/${slug}/settings`;
  return (
    <nav aria-label={t("label")} className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {TABS.map(({ key, path }) => {
        const href = `${base}${path}`;
        const active = pathname === href;
        return (
          <Link
            key={key}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
              active
                ? "border-brand-600 text-brand-700"
                : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t(key)}
          </Link>
        );
      })}
    </nav>
  );
}
