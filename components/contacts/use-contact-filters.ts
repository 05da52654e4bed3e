"use client";

import { useCallback } from "react";
import { pageParam, useUrlParams } from "@/components/messages/use-url-params";

export const CONTACT_FILTERS = ["all", "suppressed"] as const;
export type ContactFilter = (typeof CONTACT_FILTERS)[number];

export interface ContactFilters {
  search: string;
  filter: ContactFilter;
  page: number;
}

/** The contacts list's search, filter and page, kept in the query string (?q=…&filter=suppressed&page=2). */
export function useContactFilters(): [
  ContactFilters,
  (patch: Partial<ContactFilters>, mode?: "push" | "replace") => void,
] {
  const [params, setParams] = useUrlParams();
  const filters: ContactFilters = {
    search: params.get("q") ?? "",
    filter: params.get("filter") === "suppressed" ? "suppressed" : "all",
    page: pageParam(params.get("page")),
  };
  const update = useCallback(
    (patch: Partial<ContactFilters>, mode: "push" | "replace" = "push") => {
      const next: Record<string, string | undefined> = {};
      if (patch.search !== undefined) next.q = patch.search.trim();
      if (patch.filter !== undefined) next.filter = patch.filter === "all" ? undefined : patch.filter;
      // any other change starts again from the first page
      next.page = patch.page !== undefined && patch.page > 1 ? String(patch.page) : undefined;
      setParams(next, mode);
    },
    [setParams],
  );
  return [filters, update];
}
