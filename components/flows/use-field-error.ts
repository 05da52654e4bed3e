"use client";

import { useTranslations } from "next-intl";

/**
 * Words for a flow form's validation key (`flowNameRequired` …) from the shared zod schema. The flow keys
 * live with the flows messages; any other key goes on to FormField, which looks in `validation`.
 */
export function useFieldError(): (key: string | undefined) => string | undefined {
  const t = useTranslations("flows.validation");
  return (key) => (key && t.has(key) ? t(key) : key);
}
