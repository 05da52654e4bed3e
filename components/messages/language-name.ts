"use client";

import { useLocale } from "next-intl";
import { useMemo } from "react";

/** A template's language code (en_US, ar) as a name in the reader's language: "American English". */
export function useLanguageName(): (code: string) => string {
  const locale = useLocale();
  const names = useMemo(() => new Intl.DisplayNames([locale], { type: "language" }), [locale]);
  return (code) => {
    try {
      return names.of(code.replace("_", "-")) ?? code;
    } catch (error) {
      // Meta's codes are BCP 47 with an underscore; anything else is shown as it is
      if (error instanceof RangeError) return code;
      throw error;
    }
  };
}
