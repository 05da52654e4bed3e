import type { Connection, Edge, Node } from "@xyflow/react";
import { handlesOf, nodeDefinitions } from "@/lib/flow/nodes";
import {
  FLOW_DOCUMENT_VERSION,
  type FlowDocument,
  type FlowEdge,
  type FlowNode,
  type NodeConfigOf,
  type NodeType,
} from "@/lib/flow/schema";

/**
 * The canvas' view of a flow document: React Flow nodes typed per node type, whose data is the node's
 * config and label, and "branch" edges. Converting both ways is lossless (positions, labels, configs,
 * handle ids and the stored viewport survive a round trip).
 */
export type BuilderNodeData<T extends NodeType = NodeType> = { config: NodeConfigOf<T>; label?: string };
export type BuilderNodeOf<T extends NodeType> = Node<BuilderNodeData<T>, T>;
export type BuilderNode = { [T in NodeType]: BuilderNodeOf<T> }[NodeType];
export type BuilderEdge = Edge<Record<string, never>, "branch">;

/** Before React Flow measures a node, it sizes it from this estimate (visibility, minimap, first view). */
export const ESTIMATED_NODE_HEIGHT = 104;

export function toBuilderNode(node: FlowNode): BuilderNode {
  const data =
    node.label === undefined ? { config: node.config } : { config: node.config, label: node.label };
  return {
    id: node.id,
    type: node.type,
    position: { ...node.position },
    data,
    initialWidth: nodeWidth(handlesOf(node).length),
    initialHeight: ESTIMATED_NODE_HEIGHT,
  } as BuilderNode;
}

export function toBuilderEdge(edge: FlowEdge): BuilderEdge {
  return {
    id: edge.id,
    type: "branch",
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
  };
}

export function toFlowNode(node: BuilderNode): FlowNode {
  const base = { id: node.id, position: { x: node.position.x, y: node.position.y } };
  const label = node.data.label === undefined ? {} : { label: node.data.label };
  return { ...base, ...label, type: node.type, config: node.data.config } as FlowNode;
}

export function toFlowEdge(edge: BuilderEdge): FlowEdge {
  return { id: edge.id, source: edge.source, sourceHandle: edge.sourceHandle ?? "", target: edge.target };
}

export function toBuilderGraph(doc: FlowDocument): { nodes: BuilderNode[]; edges: BuilderEdge[] } {
  return { nodes: doc.nodes.map(toBuilderNode), edges: doc.edges.map(toBuilderEdge) };
}

export function toFlowDocument(
  nodes: readonly BuilderNode[],
  edges: readonly BuilderEdge[],
  viewport?: FlowDocument["viewport"],
): FlowDocument {
  return {
    version: FLOW_DOCUMENT_VERSION,
    nodes: nodes.map(toFlowNode),
    edges: edges.map(toFlowEdge),
    ...(viewport ? { viewport } : {}),
  };
}

/** A short random id that matches the document's id pattern. */
export function newId(prefix: string): string {
  const random =
    typeof crypto !== "undefined" && "randomUUID" in crypto
      ? crypto.randomUUID().replace(/-/g, "").slice(0, 10)
      : Math.random().toString(36).slice(2, 12);
  return `${prefix}_${random}`;
}

const ID_PREFIX: Record<NodeType, string> = {
  trigger: "trigger",
  condition: "cond",
  "template-send": "tpl",
  "wait-for-reply": "wait",
  "opt-out": "optout",
  delay: "delay",
  "send-text": "text",
};

export function newNodeId(type: NodeType): string {
  return newId(ID_PREFIX[type]);
}

/** Nodes are 256 px wide, wider when many branches need room for their labels (dagre reads this too). */
export function nodeWidth(handleCount: number): number {
  return Math.max(256, handleCount * 88);
}

export function outputHandles(node: BuilderNode) {
  return handlesOf({ type: node.type, config: node.data.config });
}

/**
 * The canvas' connection rules: a real output handle of the source, nothing into a trigger, and no
 * self-loop unless the node pauses (a wait-for-reply may loop back to itself; a send may not spin).
 * One edge per output handle is enforced by `connect`, which replaces the handle's previous edge.
 */
export function canConnect(
  connection: Pick<Connection, "source" | "target" | "sourceHandle">,
  findNode: (id: string) => BuilderNode | undefined,
): boolean {
  const source = findNode(connection.source);
  const target = findNode(connection.target);
  if (!source || !target || !connection.sourceHandle) return false;
  if (target.type === "trigger") return false;
  if (source.id === target.id && !nodeDefinitions[source.type].pauses) return false;
  return outputHandles(source).some((h) => h.id === connection.sourceHandle);
}
