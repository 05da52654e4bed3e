import { z } from "zod";
import { flowEdgeSchema, flowNodeSchema, type FlowEdge, type FlowNode } from "@/lib/flow/schema";
import {
  newId,
  newNodeId,
  toBuilderEdge,
  toBuilderNode,
  toFlowEdge,
  toFlowNode,
  type BuilderEdge,
  type BuilderNode,
} from "./graph";

/**
 * Copied nodes travel through the system clipboard as JSON text, so they paste into another flow, another
 * tab or another browser window. The fragment holds the selected nodes and only the edges between them.
 */
export const FRAGMENT_KIND = "raqi/flow-fragment";

const fragmentSchema = z.object({
  kind: z.literal(FRAGMENT_KIND),
  version: z.literal(1),
  nodes: z.array(flowNodeSchema).min(1).max(1000),
  edges: z.array(flowEdgeSchema).max(3000),
});
export type FlowFragment = z.infer<typeof fragmentSchema>;

export function fragmentOf(
  nodes: readonly BuilderNode[],
  edges: readonly BuilderEdge[],
): FlowFragment | null {
  const picked = nodes.filter((n) => n.selected);
  if (picked.length === 0) return null;
  const ids = new Set(picked.map((n) => n.id));
  return {
    kind: FRAGMENT_KIND,
    version: 1,
    nodes: picked.map(toFlowNode),
    edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map(toFlowEdge),
  };
}

export function serializeFragment(fragment: FlowFragment): string {
  return JSON.stringify(fragment);
}

/** Reads clipboard text; anything that is not a valid fragment is ignored (null). */
export function parseFragment(text: string): FlowFragment | null {
  if (!text.includes(FRAGMENT_KIND)) return null;
  try {
    const parsed = fragmentSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Gives the fragment fresh ids and moves it by `offset`; pasted nodes come in selected. */
export function instantiateFragment(
  fragment: FlowFragment,
  offset: { x: number; y: number },
): { nodes: BuilderNode[]; edges: BuilderEdge[] } {
  const ids = new Map<string, string>();
  const nodes = fragment.nodes.map((n: FlowNode) => {
    const id = newNodeId(n.type);
    ids.set(n.id, id);
    const node = toBuilderNode({
      ...n,
      id,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    });
    return { ...node, selected: true };
  });
  const edges = fragment.edges.flatMap((e: FlowEdge) => {
    const source = ids.get(e.source);
    const target = ids.get(e.target);
    return source && target ? [toBuilderEdge({ ...e, id: newId("edge"), source, target })] : [];
  });
  return { nodes, edges };
}
