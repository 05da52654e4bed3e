"use client";

import { useCallback } from "react";
import { MESSAGE_FILTER_STATUSES } from "@/lib/whatsapp/inputs";
import { isDay } from "./message-times";
import { pageParam, useUrlParams } from "./use-url-params";

export type MessageStatusFilter = (typeof MESSAGE_FILTER_STATUSES)[number];
export type DirectionFilter = "in" | "out";

export interface MessageFilters {
  status: MessageStatusFilter | "";
  direction: DirectionFilter | "";
  template: string;
  /** Days as the date inputs give them (yyyy-mm-dd), both inclusive. */
  from: string;
  to: string;
  search: string;
  page: number;
}

function isStatus(value: string | null): value is MessageStatusFilter {
  return value !== null && (MESSAGE_FILTER_STATUSES as readonly string[]).includes(value);
}

/** The messages log's filters, kept in the query string (?status=read&dir=out&template=…&from=…&q=…). */
export function useMessageFilters(): [
  MessageFilters,
  (patch: Partial<MessageFilters>, mode?: "push" | "replace") => void,
] {
  const [params, setParams] = useUrlParams();
  const status = params.get("status");
  const direction = params.get("dir");
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const filters: MessageFilters = {
    status: isStatus(status) ? status : "",
    direction: direction === "in" || direction === "out" ? direction : "",
    template: params.get("template") ?? "",
    from: isDay(from) ? from : "",
    to: isDay(to) ? to : "",
    search: params.get("q") ?? "",
    page: pageParam(params.get("page")),
  };

  const update = useCallback(
    (patch: Partial<MessageFilters>, mode: "push" | "replace" = "push") => {
      const next: Record<string, string | undefined> = {};
      if (patch.status !== undefined) next.status = patch.status;
      if (patch.direction !== undefined) next.dir = patch.direction;
      if (patch.template !== undefined) next.template = patch.template;
      if (patch.from !== undefined) next.from = patch.from;
      if (patch.to !== undefined) next.to = patch.to;
      if (patch.search !== undefined) next.q = patch.search.trim();
      // any other change starts again from the first page
      next.page = patch.page !== undefined && patch.page > 1 ? String(patch.page) : undefined;
      setParams(next, mode);
    },
    [setParams],
  );

  return [filters, update];
}
