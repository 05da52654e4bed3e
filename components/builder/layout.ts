import dagre from "@dagrejs/dagre";
import type { XYPosition } from "@xyflow/react";
import type { BuilderEdge, BuilderNode } from "./graph";
import { nodeWidth, outputHandles } from "./graph";

/**
 * Top-to-bottom auto-layout with dagre (loaded on first use). Edges are added in output-handle order, and
 * afterwards the single-parent children of a node are put left-to-right in the order of the handles they
 * hang from, so "true" stays left of "false" and reply branches keep their order.
 */
export function layoutGraph(
  nodes: readonly BuilderNode[],
  edges: readonly BuilderEdge[],
): Map<string, XYPosition> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 48, ranksep: 72, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));

  const size = new Map<string, { width: number; height: number }>();
  const handleOrder = new Map<string, Map<string, number>>();
  for (const n of nodes) {
    const handles = outputHandles(n);
    handleOrder.set(n.id, new Map(handles.map((h, i) => [h.id, i])));
    const s = { width: n.measured?.width ?? nodeWidth(handles.length), height: n.measured?.height ?? 110 };
    size.set(n.id, s);
    g.setNode(n.id, s);
  }
  const nodeIndex = new Map(nodes.map((n, i) => [n.id, i]));
  const ordered = edges
    .filter((e) => nodeIndex.has(e.source) && nodeIndex.has(e.target))
    .map((e) => ({
      e,
      rank:
        (nodeIndex.get(e.source) ?? 0) * 100 + (handleOrder.get(e.source)?.get(e.sourceHandle ?? "") ?? 99),
    }))
    .sort((a, b) => a.rank - b.rank);
  for (const { e } of ordered) {
    if (e.source !== e.target) g.setEdge(e.source, e.target, {}, e.id);
  }
  dagre.layout(g);

  const centre = new Map<string, XYPosition>();
  for (const n of nodes) {
    const p = g.node(n.id);
    centre.set(n.id, { x: p?.x ?? 0, y: p?.y ?? 0 });
  }

  // Keep children in handle order: swap the x slots of single-parent children on the same rank.
  const incoming = new Map<string, number>();
  for (const { e } of ordered) incoming.set(e.target, (incoming.get(e.target) ?? 0) + 1);
  const bySource = new Map<string, string[]>();
  for (const { e } of ordered) {
    if (e.source === e.target || incoming.get(e.target) !== 1) continue;
    const list = bySource.get(e.source) ?? [];
    if (!list.includes(e.target)) list.push(e.target);
    bySource.set(e.source, list);
  }
  for (const children of bySource.values()) {
    const rows = new Map<number, string[]>();
    for (const id of children) {
      const y = Math.round(centre.get(id)?.y ?? 0);
      rows.set(y, [...(rows.get(y) ?? []), id]);
    }
    for (const row of rows.values()) {
      if (row.length < 2) continue;
      const slots = row.map((id) => centre.get(id)?.x ?? 0).sort((a, b) => a - b);
      row.forEach((id, i) => {
        const c = centre.get(id);
        const x = slots[i];
        if (c && x !== undefined) centre.set(id, { x, y: c.y });
      });
    }
  }

  const positions = new Map<string, XYPosition>();
  for (const n of nodes) {
    const c = centre.get(n.id) ?? { x: 0, y: 0 };
    const s = size.get(n.id) ?? { width: 256, height: 110 };
    positions.set(n.id, {
      x: Math.round((c.x - s.width / 2) / 16) * 16,
      y: Math.round((c.y - s.height / 2) / 16) * 16,
    });
  }
  return positions;
}
