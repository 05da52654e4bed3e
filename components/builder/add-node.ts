"use client";

import { useReactFlow, type XYPosition } from "@xyflow/react";
import { useCallback } from "react";
import type { NodeType } from "@/lib/flow/schema";
import { nodeWidth, type BuilderEdge, type BuilderNode } from "./graph";
import { firstFreeHandle, useBuilderStore } from "./store";

const GRID = 16;
const snap = (v: number) => Math.round(v / GRID) * GRID;

/** The canvas pane in screen coordinates (the palette lives outside React Flow). */
function paneRect(): DOMRect | null {
  return document.querySelector('[data-testid="builder-canvas"]')?.getBoundingClientRect() ?? null;
}

const NEW_NODE = { width: 256, height: 96 };
const GAP = 24;

/** Candidate offsets around the wanted spot, nearest first; with `below`, never above it. */
function offsets(below: boolean): XYPosition[] {
  const out: XYPosition[] = [];
  for (let dy = below ? 0 : -480; dy <= 1440; dy += 48)
    for (const dx of [0, 288, -288, 576, -576]) out.push({ x: dx, y: dy });
  const cost = (o: XYPosition) => Math.hypot(o.x, o.y * (o.y < 0 ? 1.5 : 1));
  return out.sort((a, b) => cost(a) - cost(b));
}
const AROUND = offsets(false);
const BELOW = offsets(true);

/** The free spot nearest to `start` where a new node overlaps no other node. */
export function freeSpot(start: XYPosition, nodes: readonly BuilderNode[], below = false): XYPosition {
  const overlaps = (p: XYPosition) =>
    nodes.some((n) => {
      const w = n.measured?.width ?? 256;
      const h = n.measured?.height ?? 96;
      return (
        p.x < n.position.x + w + GAP &&
        p.x + NEW_NODE.width + GAP > n.position.x &&
        p.y < n.position.y + h + GAP &&
        p.y + NEW_NODE.height + GAP > n.position.y
      );
    });
  for (const o of below ? BELOW : AROUND) {
    const p = { x: start.x + o.x, y: start.y + o.y };
    if (!overlaps(p)) return p;
  }
  return start;
}

/**
 * Click-to-add: the new node lands near the middle of what is visible. When one node is selected and has a
 * free output handle, the new node is connected from it and placed under that handle (the view follows).
 */
export function useAddNodeNearCentre(): (type: NodeType) => void {
  const rf = useReactFlow<BuilderNode, BuilderEdge>();
  return useCallback(
    (type: NodeType) => {
      const s = useBuilderStore.getState();
      if (s.readOnly) return;
      const pane = paneRect();
      const topLeft = pane ? rf.screenToFlowPosition({ x: pane.left, y: pane.top }) : { x: 0, y: 0 };
      const bottomRight = pane
        ? rf.screenToFlowPosition({ x: pane.right, y: pane.bottom })
        : { x: 800, y: 600 };
      const visible = (p: XYPosition) => {
        const cx = p.x + 128;
        const cy = p.y + 48;
        return cx >= topLeft.x && cy >= topLeft.y && cx <= bottomRight.x && cy <= bottomRight.y;
      };
      let position: XYPosition = {
        x: (topLeft.x + bottomRight.x) / 2 - 128,
        y: (topLeft.y + bottomRight.y) / 2 - 40,
      };

      let from: { source: string; sourceHandle: string } | undefined;
      const sourceId = s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0] : undefined;
      const source = sourceId ? s.nodes.find((n) => n.id === sourceId) : undefined;
      if (source && type !== "trigger") {
        const handle = firstFreeHandle(source.id);
        if (handle) {
          from = { source: source.id, sourceHandle: handle };
          const handles = rf.getInternalNode(source.id)?.internals.handleBounds?.source ?? [];
          const bound = handles.find((h) => h.id === handle);
          const width = source.measured?.width ?? nodeWidth(handles.length || 1);
          const handleX = bound ? bound.x + bound.width / 2 : width / 2;
          const below = {
            x: source.position.x + handleX - 128,
            y: source.position.y + (source.measured?.height ?? 96) + 96,
          };
          position = below;
        }
      }

      const spot = freeSpot({ x: snap(position.x), y: snap(position.y) }, s.nodes, Boolean(from));
      s.addNode(type, spot, from);
      // A crowded view may push the new node out of sight: bring it in.
      if (!visible(spot)) void rf.setCenter(spot.x + 128, spot.y + 48, { zoom: rf.getZoom(), duration: 250 });
    },
    [rf],
  );
}
