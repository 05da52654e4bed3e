"use client";

import { Handle, Position, useUpdateNodeInternals } from "@xyflow/react";
import { CircleAlert, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";
import type { NodeType } from "@/lib/flow/schema";
import { cn } from "@/lib/ui/cn";
import { nodeWidth } from "../graph";
import { NODE_LOOKS } from "../node-meta";
import { NodeRunBadges } from "../runs/node-run-badges";
import { useNodePathState } from "../runs/overlay-store";
import { useBuilderStore } from "../store";
import { useLocaleDir } from "../use-dir";

export interface FrameHandle {
  id: string;
  label: string;
}

/**
 * The common body of every node: icon, title, a readable summary, the validation badge and the output
 * handles with their labels along the bottom. The canvas is LTR (handle order = layout order); the text
 * inside a node follows the reader's language.
 */
export function NodeFrame({
  id,
  type,
  title,
  summary,
  incomplete,
  handles,
  selected,
  children,
}: {
  id: string;
  type: NodeType;
  title: string;
  summary: string;
  incomplete: boolean;
  handles: FrameHandle[];
  selected: boolean;
  children?: ReactNode;
}) {
  const t = useTranslations("builder");
  const dir = useLocaleDir();
  const errors = useBuilderStore((s) => s.findingCounts[id]?.errors ?? 0);
  const warnings = useBuilderStore((s) => s.findingCounts[id]?.warnings ?? 0);
  // Runs mode: a selected run's path stands out, the rest of the flow steps back
  const onPath = useNodePathState(id);
  const look = NODE_LOOKS[type];
  const Icon = look.icon;

  // Handles come and go with reply branches: React Flow must re-measure them.
  const updateNodeInternals = useUpdateNodeInternals();
  const handleKey = handles.map((h) => h.id).join("|");
  const firstKey = useRef(handleKey);
  useEffect(() => {
    if (handleKey !== firstKey.current) {
      firstKey.current = handleKey;
      updateNodeInternals(id);
    }
  }, [handleKey, id, updateNodeInternals]);

  const single = handles.length === 1 && !handles[0]?.label;

  return (
    <div
      data-testid={`rf-node-${type}`}
      data-errors={errors}
      data-warnings={warnings}
      data-run-path={onPath ?? undefined}
      className={cn(
        "relative rounded-xl border bg-white shadow-sm transition-[box-shadow,opacity]",
        errors > 0 ? "border-red-400" : warnings > 0 ? "border-amber-400" : "border-slate-300",
        selected && "shadow-md ring-2 ring-brand-500/70",
        onPath === "off" && "opacity-40",
        onPath === "completed" && "ring-2 ring-brand-500",
        (onPath === "waiting" || onPath === "running") && "ring-2 ring-sky-500",
        onPath === "failed" && "ring-2 ring-red-500",
      )}
      style={{ width: nodeWidth(handles.length) }}
    >
      <NodeRunBadges nodeId={id} />
      {type !== "trigger" ? (
        <Handle
          type="target"
          position={Position.Top}
          className="builder-handle"
          aria-label={t("handles.in")}
        />
      ) : null}
      <div className="flex items-start gap-2.5 p-3" dir={dir}>
        <span className={cn("flex size-8 shrink-0 items-center justify-center rounded-lg", look.tile)}>
          <Icon aria-hidden className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-1.5">
            <p className="truncate text-sm font-semibold text-slate-900" dir="auto">
              {title}
            </p>
            {errors > 0 ? (
              <span
                className="ms-auto inline-flex shrink-0 items-center gap-0.5 rounded-full bg-red-50 px-1.5 py-0.5 text-[11px] font-semibold text-red-700"
                title={t("badge.errors", { n: errors })}
                data-testid="node-error-badge"
              >
                <CircleAlert aria-hidden className="size-3" />
                {errors}
                <span className="sr-only">{t("badge.errors", { n: errors })}</span>
              </span>
            ) : null}
            {warnings > 0 ? (
              <span
                className={cn(
                  "inline-flex shrink-0 items-center gap-0.5 rounded-full bg-amber-50 px-1.5 py-0.5 text-[11px] font-semibold text-amber-700",
                  errors === 0 && "ms-auto",
                )}
                title={t("badge.warnings", { n: warnings })}
                data-testid="node-warning-badge"
              >
                <TriangleAlert aria-hidden className="size-3" />
                {warnings}
                <span className="sr-only">{t("badge.warnings", { n: warnings })}</span>
              </span>
            ) : null}
          </div>
          <p
            dir="auto"
            className={cn(
              "mt-0.5 line-clamp-3 text-xs break-words",
              incomplete ? "italic text-slate-400" : "text-slate-600",
            )}
          >
            {summary}
          </p>
          {children}
        </div>
      </div>
      {single ? (
        <Handle
          type="source"
          position={Position.Bottom}
          id={handles[0]?.id}
          className="builder-handle"
          aria-label={t("handles.next")}
        />
      ) : (
        <div className="flex border-t border-slate-100" dir="ltr">
          {handles.map((h) => (
            <div
              key={h.id}
              className="relative flex min-w-0 flex-1 basis-0 justify-center px-1.5 pb-2.5 pt-1"
            >
              <span className="truncate text-[11px] font-medium text-slate-500" dir="auto" title={h.label}>
                {h.label}
              </span>
              <Handle
                type="source"
                position={Position.Bottom}
                id={h.id}
                className="builder-handle"
                aria-label={h.label}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
