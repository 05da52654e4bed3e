"use client";

import { useLocale } from "next-intl";
import { directionOf, isLocale } from "@/lib/i18n/locales";

/** The reading direction of the current locale, for text placed inside the always-LTR canvas. */
export function useLocaleDir(): "ltr" | "rtl" {
  const locale = useLocale();
  return isLocale(locale) ? directionOf(locale) : "ltr";
}
