"use client";

import { cn } from "@/lib/ui/cn";
import { useRunFailureText } from "./run-text";

/** A run's or a step's failure: the plain-words reason, and the specifics beneath it. */
export function RunFailure({
  code,
  message,
  params,
  compact = false,
  className,
}: {
  code: string | null;
  message: string | null;
  /** The failure's values (engine-failures.ts): the detail is translated from them when they fit. */
  params?: Record<string, unknown> | null;
  compact?: boolean;
  className?: string;
}) {
  const text = useRunFailureText()(code, message, params);
  // a cancel or a restart is somebody's decision, not something that went wrong
  const deliberate = code === "cancelled" || code === "restarted";
  return (
    <div
      data-testid="run-failure"
      data-code={code ?? undefined}
      title={compact && text.detail ? text.detail : undefined}
      className={cn("text-xs", className)}
    >
      <p className={cn("font-medium", deliberate ? "text-amber-800" : "text-red-700")}>{text.title}</p>
      {text.detail && !compact ? (
        <p className="mt-0.5 break-words text-slate-600" dir="auto">
          {text.detail}
        </p>
      ) : null}
    </div>
  );
}
