import type { Viewport } from "@xyflow/react";
import { ESTIMATED_NODE_HEIGHT, nodeWidth, outputHandles, type BuilderNode } from "./graph";

const PADDING = 48;
/** Below this zoom a flow is unreadable: show its start at a readable zoom instead of all of it. */
const MIN_FIT_ZOOM = 0.55;
const READABLE_ZOOM = 0.85;

/**
 * The first view of a flow, computed from positions alone (no measuring, no render of everything): the
 * whole flow when it fits at a readable zoom, else its trigger at the top centre. With only visible
 * elements rendered, a 500-node flow then opens by drawing a screenful of nodes.
 */
export function initialViewport(nodes: readonly BuilderNode[], width: number, height: number): Viewport {
  if (nodes.length === 0 || width <= 0 || height <= 0) return { x: width / 2 - 128, y: height / 3, zoom: 1 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    const w = n.measured?.width ?? n.initialWidth ?? nodeWidth(outputHandles(n).length);
    const h = n.measured?.height ?? n.initialHeight ?? ESTIMATED_NODE_HEIGHT;
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + w);
    maxY = Math.max(maxY, n.position.y + h);
  }
  const fit = Math.min((width - 2 * PADDING) / (maxX - minX), (height - 2 * PADDING) / (maxY - minY), 1);
  if (fit >= MIN_FIT_ZOOM) {
    return {
      x: width / 2 - ((minX + maxX) / 2) * fit,
      y: height / 2 - ((minY + maxY) / 2) * fit,
      zoom: fit,
    };
  }
  const start = nodes.find((n) => n.type === "trigger") ?? nodes[0];
  const sx = start ? start.position.x + (start.initialWidth ?? 256) / 2 : (minX + maxX) / 2;
  const sy = start ? start.position.y : minY;
  // The trigger in the middle, unless that leaves the left of the view empty (a trigger at the far left).
  const x = Math.min(width / 2 - sx * READABLE_ZOOM, PADDING - minX * READABLE_ZOOM);
  return { x, y: PADDING - sy * READABLE_ZOOM, zoom: READABLE_ZOOM };
}
