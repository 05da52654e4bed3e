"use client";

import { useLocale, useTranslations } from "next-intl";

interface ErrorShape {
  message?: string;
  data?: { code?: string; appCode?: string | null; details?: { reason?: unknown } | null } | null;
}

/**
 * Words for a failed call in the reader's language: a known `details.reason` has its own message;
 * otherwise English readers get the server's specific message and others a translated one for its code.
 */
export function useErrorMessage(): (error: unknown) => string {
  const t = useTranslations("errors");
  const locale = useLocale();
  return (error) => {
    const e = error as ErrorShape;
    const reason = e.data?.details?.reason;
    if (typeof reason === "string" && t.has(`reason.${reason}`)) return t(`reason.${reason}`);
    const code = e.data?.appCode ?? e.data?.code;
    if (locale !== "en" && code && t.has(`code.${code}`)) return t(`code.${code}`);
    return e.message || t("code.INTERNAL");
  };
}
