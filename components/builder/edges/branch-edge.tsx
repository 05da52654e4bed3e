"use client";

import { BaseEdge, EdgeLabelRenderer, getBezierPath, useNodesData, type EdgeProps } from "@xyflow/react";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { handleLabel } from "../describe";
import type { BuilderEdge, BuilderNode } from "../graph";
import { edgeKey, useEdgePathState, useRunOverlay } from "../runs/overlay-store";
import { useBuilderStore } from "../store";

/** Pill width from the text length: measuring every label (getBBox) would cost a layout per edge. */
function pillWidth(label: string): number {
  return Math.min(168, Math.round(label.length * 6.2 + 16));
}

function shorten(label: string): string {
  return label.length > 26 ? `${label.slice(0, 25)}…` : label;
}

/**
 * An edge labelled with the branch it follows ("Yes", "Track order", "Timeout"). The label is drawn in the
 * SVG itself (no HTML portal per edge, which matters with hundreds of edges); a selected edge gets a
 * delete button.
 */
function BranchEdgeView({
  id,
  source,
  sourceHandleId,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  selected,
  markerEnd,
}: EdgeProps<BuilderEdge>) {
  const t = useTranslations("builder");
  const sourceNode = useNodesData<BuilderNode>(source);
  const errors = useBuilderStore((s) => s.findingCounts[id]?.errors ?? 0);
  const readOnly = useBuilderStore((s) => s.readOnly);
  const deleteEdge = useBuilderStore((s) => s.deleteEdge);
  // Runs mode: how many runs took this edge, and whether the selected run did
  const runCount = useRunOverlay((s) =>
    s.active && sourceHandleId ? (s.edges[edgeKey(source, sourceHandleId)] ?? 0) : null,
  );
  const onPath = useEdgePathState(id);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const label =
    sourceNode && sourceHandleId
      ? shorten(handleLabel(t, { type: sourceNode.type, config: sourceNode.data.config }, sourceHandleId))
      : "";
  const stroke = errors > 0 ? "#ef4444" : selected || onPath ? "#059669" : "#94a3b8";
  const width = pillWidth(label);
  const countText = runCount === null ? "" : String(runCount);
  const countWidth = Math.round(countText.length * 6.5 + 14);
  // the count sits after the branch label (or alone in the middle of an unlabelled edge)
  const countX = label ? width / 2 + 4 + countWidth / 2 : 0;

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={
          markerEnd ?? `url(#raqi-arrow${errors > 0 ? "-error" : selected || onPath ? "-selected" : ""})`
        }
        interactionWidth={24}
        style={{
          stroke,
          strokeWidth: selected || onPath ? 2.5 : 1.75,
          opacity: onPath === false ? 0.35 : 1,
        }}
      />
      {label ? (
        <g
          transform={`translate(${labelX} ${labelY})`}
          className="pointer-events-none"
          data-testid={`edge-label-${id}`}
        >
          <rect
            x={-width / 2}
            y={-9}
            width={width}
            height={18}
            rx={9}
            fill="#fff"
            stroke={selected ? "#10b981" : errors > 0 ? "#fca5a5" : "#e2e8f0"}
          />
          <text
            textAnchor="middle"
            dominantBaseline="central"
            fontSize={11}
            fontWeight={500}
            fill={selected ? "#047857" : "#475569"}
          >
            {label}
          </text>
        </g>
      ) : null}
      {countText ? (
        <g
          transform={`translate(${labelX + countX} ${labelY})`}
          className="pointer-events-none"
          data-testid={`edge-count-${id}`}
          data-count={runCount ?? undefined}
        >
          <rect
            x={-countWidth / 2}
            y={-9}
            width={countWidth}
            height={18}
            rx={9}
            fill={onPath ? "#047857" : "#1e293b"}
          />
          <text textAnchor="middle" dominantBaseline="central" fontSize={11} fontWeight={600} fill="#fff">
            {countText}
          </text>
        </g>
      ) : null}
      {selected && !readOnly ? (
        <EdgeLabelRenderer>
          <button
            type="button"
            onClick={() => deleteEdge(id)}
            aria-label={t("edge.delete")}
            title={t("edge.delete")}
            className="nodrag nopan pointer-events-auto absolute flex size-5 items-center justify-center rounded-full border border-slate-300 bg-white text-slate-600 shadow-xs hover:border-red-400 hover:text-red-600"
            style={{
              transform: `translate(-50%, -50%) translate(${labelX + (label ? width / 2 + 14 : 0)}px, ${labelY}px)`,
            }}
          >
            <X aria-hidden className="size-3" />
          </button>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const BranchEdge = memo(BranchEdgeView);

export const edgeTypes = { branch: BranchEdge };
