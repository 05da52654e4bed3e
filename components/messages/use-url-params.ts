"use client";

import { usePathname, useSearchParams, type ReadonlyURLSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * A list page's filters in the query string (`?q=…&status=read&page=2`), so a reload, a shared link or the
 * back button shows the same list. Updates go through the History API, which Next.js keeps in sync with
 * useSearchParams without a server round trip (as the flows list does). An empty value removes the key.
 */
export function useUrlParams(): [
  ReadonlyURLSearchParams,
  (patch: Record<string, string | undefined>, mode?: "push" | "replace") => void,
] {
  const searchParams = useSearchParams();
  const pathname = usePathname();

  const update = useCallback(
    (patch: Record<string, string | undefined>, mode: "push" | "replace" = "push") => {
      // from the address bar, not this render's snapshot: two updates in one tick must both land
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (url === `${window.location.pathname}${window.location.search}`) return;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );

  return [searchParams, update];
}

/** A page number from the query string: 1 unless it is a whole number above 1. */
export function pageParam(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 1 ? page : 1;
}
