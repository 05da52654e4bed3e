"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useMetaErrorText } from "@/components/messages/failure-reason";
import { durationParts } from "./duration";
import { failureDetailSource, type FailureDetailSource } from "./failure-detail";

/** A length in milliseconds in the reader's language ("1 min 5 s"). */
export function useDurationText(): (ms: number) => string {
  const t = useTranslations("runs.duration");
  return (ms) => {
    const parts = durationParts(ms);
    const { unit, ...values } = parts;
    return t(unit, values);
  };
}

/**
 * Why a run or a step failed, in plain words: a translated sentence for the failure code (engine codes of
 * lib/flow/engine-failures.ts and the runtime's opted_out, restarted, cancelled, retries_exhausted), and
 * the specifics translated from the failure's params (./failure-detail.ts). The server's English message
 * is the detail only when there are no params to translate from; an unknown code keeps it as the title.
 */
export function useRunFailureText(): (
  code: string | null | undefined,
  message: string | null | undefined,
  params?: Record<string, unknown> | null,
) => { title: string; detail: string | null } {
  const t = useTranslations("runs.failures");
  const td = useTranslations("runs.failureDetails");
  const reasons = useTranslations("errors.reason");
  const metaText = useMetaErrorText();
  const format = useFormatter();
  const translated = (source: FailureDetailSource | null): string | null => {
    switch (source?.kind) {
      case undefined:
        return null;
      case "meta": {
        const meta = metaText(source.code);
        return td("meta", { explanation: meta.explanation, code: source.code });
      }
      case "reason":
        if (t.has(source.reason)) return t(source.reason);
        return reasons.has(source.reason) ? reasons(source.reason) : null;
      case "detail": {
        if (!td.has(source.key)) return null;
        // outside_window's `at` is epoch ms: shown as a date in the reader's language
        const values: Record<string, string | number> = { ...source.values };
        if (typeof values.at === "number") {
          values.at = format.dateTime(new Date(values.at), { dateStyle: "medium", timeStyle: "short" });
        }
        return td(source.key, values);
      }
    }
  };
  return (code, message, params) => {
    const key = code && t.has(code) ? code : null;
    if (!key) return { title: message || t("unknown"), detail: null };
    const title = t(key);
    const detail =
      translated(failureDetailSource(code, params)) ?? (message && message !== title ? message : null);
    return { title, detail: detail === title ? null : detail };
  };
}
