"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { FLOW_LIST_STATUSES, type FlowListStatus } from "@/lib/flow/inputs";

const DEFAULT_STATUS: FlowListStatus = "active";

function isStatusFilter(value: string | null): value is FlowListStatus {
  return value !== null && (FLOW_LIST_STATUSES as readonly string[]).includes(value);
}

export interface FlowListParams {
  search: string;
  status: FlowListStatus;
  page: number;
}

/**
 * The list's search, status tab and page live in the query string (`?q=…&status=draft&page=2`), so a
 * reload, a shared link or the back button shows the same list. Updates go through the History API,
 * which Next.js keeps in sync with useSearchParams without a server round trip.
 */
export function useFlowListParams(): [
  FlowListParams,
  (patch: Partial<FlowListParams>, mode?: "push" | "replace") => void,
] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const rawStatus = searchParams.get("status");
  const rawPage = Number(searchParams.get("page"));
  const params: FlowListParams = {
    search: searchParams.get("q") ?? "",
    status: isStatusFilter(rawStatus) ? rawStatus : DEFAULT_STATUS,
    page: Number.isInteger(rawPage) && rawPage > 1 ? rawPage : 1,
  };

  const update = useCallback(
    (patch: Partial<FlowListParams>, mode: "push" | "replace" = "push") => {
      // from the address bar, not this render's snapshot: two updates in one tick must both land
      const next = new URLSearchParams(window.location.search);
      const set = (key: string, value: string | undefined) =>
        value ? next.set(key, value) : next.delete(key);
      if (patch.search !== undefined) set("q", patch.search.trim());
      if (patch.status !== undefined) set("status", patch.status === DEFAULT_STATUS ? "" : patch.status);
      if (patch.page !== undefined) set("page", patch.page > 1 ? String(patch.page) : "");
      const query = next.toString();
      const url = query ? `${pathname}?${query}` : pathname;
      // a tab fires on pointer-down and again on focus: one history entry per real change
      if (url === `${window.location.pathname}${window.location.search}`) return;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );

  return [params, update];
}
