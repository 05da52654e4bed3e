"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import type { BuilderEdge, BuilderNode } from "./graph";
import { useBuilderStore } from "./store";

/** Selects a node or an edge and brings it to the middle of the canvas. */
export function useRevealElement(): (target: { nodeId?: string; edgeId?: string }) => void {
  const rf = useReactFlow<BuilderNode, BuilderEdge>();
  return useCallback(
    ({ nodeId, edgeId }) => {
      const s = useBuilderStore.getState();
      const centreOf = (id: string) => {
        const n = rf.getInternalNode(id);
        if (!n) return null;
        const { x, y } = n.internals.positionAbsolute;
        return { x: x + (n.measured.width ?? 256) / 2, y: y + (n.measured.height ?? 100) / 2 };
      };
      let point: { x: number; y: number } | null = null;
      if (nodeId) {
        s.selectElement({ nodeId });
        point = centreOf(nodeId);
      } else if (edgeId) {
        s.selectElement({ edgeId });
        const edge = s.edges.find((e) => e.id === edgeId);
        const a = edge ? centreOf(edge.source) : null;
        const b = edge ? centreOf(edge.target) : null;
        point = a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : (a ?? b);
      }
      if (point) void rf.setCenter(point.x, point.y, { zoom: Math.max(rf.getZoom(), 0.85), duration: 300 });
    },
    [rf],
  );
}
