"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { Finding } from "@/lib/flow/types";

/** A finding in the reader's language: `findings.<code with dots as underscores>`, else its English message. */
export function useFindingText(): (finding: Finding) => string {
  const t = useTranslations("findings");
  return useCallback(
    (finding: Finding) => {
      const key = finding.code.replace(/\./g, "_");
      return t.has(key) ? t(key, finding.params ?? {}) : finding.message;
    },
    [t],
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
}
