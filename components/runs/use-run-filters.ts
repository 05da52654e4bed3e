"use client";

import { useCallback } from "react";
import { isDay } from "@/components/messages/message-times";
import { pageParam, useUrlParams } from "@/components/messages/use-url-params";
import { RUN_LIST_STATUSES } from "@/lib/runs/inputs";

export type RunStatusFilter = (typeof RUN_LIST_STATUSES)[number];

export interface RunFilters {
  status: RunStatusFilter | "";
  flowId: string;
  search: string;
  /** Days as the date inputs give them (yyyy-mm-dd), both inclusive. */
  from: string;
  to: string;
  page: number;
}

function isStatus(value: string | null): value is RunStatusFilter {
  return value !== null && (RUN_LIST_STATUSES as readonly string[]).includes(value);
}

/** The runs list's filters, kept in the query string (?status=failed&flow=…&q=…&from=…&to=…&page=2). */
export function useRunFilters(): [
  RunFilters,
  (patch: Partial<RunFilters>, mode?: "push" | "replace") => void,
] {
  const [params, setParams] = useUrlParams();
  const status = params.get("status");
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const filters: RunFilters = {
    status: isStatus(status) ? status : "",
    flowId: params.get("flow") ?? "",
    search: params.get("q") ?? "",
    from: isDay(from) ? from : "",
    to: isDay(to) ? to : "",
    page: pageParam(params.get("page")),
  };

  const update = useCallback(
    (patch: Partial<RunFilters>, mode: "push" | "replace" = "push") => {
      const next: Record<string, string | undefined> = {};
      if (patch.status !== undefined) next.status = patch.status;
      if (patch.flowId !== undefined) next.flow = patch.flowId;
      if (patch.search !== undefined) next.q = patch.search.trim();
      if (patch.from !== undefined) next.from = patch.from;
      if (patch.to !== undefined) next.to = patch.to;
      // any other change starts again from the first page
      next.page = patch.page !== undefined && patch.page > 1 ? String(patch.page) : undefined;
      setParams(next, mode);
    },
    [setParams],
  );

  return [filters, update];
}
