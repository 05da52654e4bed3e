"use client";

import { Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { LOCALE_COOKIE, LOCALES, type Locale } from "@/lib/i18n/locales";
import { cn } from "@/lib/ui/cn";

const NAMES: Record<Locale, string> = { en: "English", ar: "العربية" };

export function LocaleSwitcher({ className }: { className?: string }) {
  const locale = useLocale();
  const t = useTranslations("common");
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(next: Locale) {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
    startTransition(() => router.refresh());
  }

  return (
    <label className={cn("inline-flex items-center gap-1.5 text-sm text-slate-600", className)}>
      <Languages aria-hidden className="size-4" />
      <span className="sr-only">{t("language")}</span>
      <select
        data-testid="locale-switcher"
        aria-label={t("language")}
        value={locale}
        disabled={pending}
        onChange={(e) => choose(e.target.value as Locale)}
        className="rounded-md border border-transparent bg-transparent py-1 pe-1 hover:border-slate-300"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
