"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** This app's origin as the browser reaches it (https://raqi.example.com); a placeholder while rendering on the server. */
export function useOrigin(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "https://your-raqi.example",
  );
}
