"use client";

import { useTranslations } from "next-intl";
import { durationParts } from "./duration";

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
 * lib/flow/engine-failures.ts and the runtime's opted_out, restarted, cancelled, retries_exhausted), with
 * the server's specific English message as the detail. An unknown code keeps the server's message.
 */
export function useRunFailureText(): (
  code: string | null | undefined,
  message: string | null | undefined,
) => { title: string; detail: string | null } {
  const t = useTranslations("runs.failures");
  return (code, message) => {
    const key = code && t.has(code) ? code : null;
    if (key) return { title: t(key), detail: message && message !== t(key) ? message : null };
    return { title: message || t("unknown"), detail: null };
  };
}
