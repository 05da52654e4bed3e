"use client";

import { useLocale } from "next-intl";
import { directionOf, isLocale } from "@/lib/i18n/locales";

/** The reading direction, for Radix primitives whose keyboard and placement depend on it. */
export function useDirection(): "ltr" | "rtl" {
  const locale = useLocale();
  return isLocale(locale) ? directionOf(locale) : "ltr";
}
