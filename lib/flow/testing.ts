import {
  FLOW_DOCUMENT_VERSION,
  type FlowDocument,
  type FlowEdge,
  type FlowNode,
  type NodeConfigOf,
  type NodeType,
} from "./schema";
import { SAMPLE_TEMPLATES, buildEdge, buildNode } from "./starters";
import type { Finding } from "./types";
import { validate } from "./validate";

/** Small builders for flow documents in tests (here and in the canvas and server tests). */

export function node<T extends NodeType>(
  type: T,
  id: string,
  config: Partial<NodeConfigOf<T>> = {},
): FlowNode {
  return buildNode(type, id, "", { x: 0, y: 0 }, config);
}

export function edge(source: string, sourceHandle: string, target: string): FlowEdge {
  return buildEdge(source, sourceHandle, target);
}

export function flow(nodes: FlowNode[], edges: FlowEdge[] = []): FlowDocument {
  return { version: FLOW_DOCUMENT_VERSION, nodes, edges };
}

/** A keyword trigger (the contact just wrote, so free-form replies are inside the 24-hour window). */
export function keywordTrigger(id = "start"): FlowNode {
  return node("trigger", id, { kind: "keyword", keywords: ["hi"] });
}

/** A flow whose keyword trigger leads to `subject`: the node's own rules, with no graph findings around. */
export function around(subject: FlowNode, extra: FlowNode[] = [], edges: FlowEdge[] = []): FlowDocument {
  return flow([keywordTrigger(), subject, ...extra], [edge("start", "next", subject.id), ...edges]);
}

export function check(doc: FlowDocument, templates = SAMPLE_TEMPLATES): Finding[] {
  return validate(doc, { templates });
}

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

export function errors(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === "error");
}
