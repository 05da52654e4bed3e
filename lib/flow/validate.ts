import { finding, nodeName, type FindingCode } from "./findings";
import { FlowGraph, type EdgeProblem } from "./graph";
import { definitionOf, type NodeDefinition } from "./nodes/index";
import { TIMEOUT_HANDLE } from "./nodes/wait-for-reply";
import type { FlowDocument, FlowNode, NodeType } from "./schema";
import type { Finding, NodeCheckContext, ValidationContext } from "./types";
import { isInsideWindow, minutesSinceInbound } from "./window";

const EDGE_CODES = {
  source_missing: "edge.source_missing",
  target_missing: "edge.target_missing",
  unknown_handle: "edge.unknown_handle",
  into_trigger: "edge.into_trigger",
  self_loop: "edge.self_loop",
} as const satisfies Record<EdgeProblem, FindingCode>;

/**
 * Every problem of a flow document: each node's own rules (nodes/<type>.ts) and the graph-wide rules
 * below. Never throws: a rule that fails unexpectedly must not stop the editor or the API from showing
 * the others. Publishing requires zero findings of severity "error".
 */
export function validate(doc: FlowDocument, ctx: ValidationContext): Finding[] {
  try {
    return validateDocument(doc, ctx);
  } catch (error) {
    // Only reachable with a document that bypassed the schema; report it rather than crash the caller.
    return [finding("flow.invalid", {}, { detail: describe(error) })];
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function validateDocument(doc: FlowDocument, ctx: ValidationContext): Finding[] {
  if (doc.nodes.length === 0) return [finding("flow.empty")];
  const graph = new FlowGraph(doc);
  const out: Finding[] = [];

  out.push(...triggerFindings(graph));
  for (const node of graph.duplicateNodes)
    out.push(finding("node.duplicate_id", { nodeId: node.id }, { id: node.id }));
  out.push(...edgeFindings(graph));

  const check: NodeCheckContext = { ...ctx, document: doc, graph };
  for (const node of doc.nodes) {
    const definition = definitionOf(node.type) as NodeDefinition<NodeType>;
    try {
      out.push(...(definition.validate as (n: FlowNode, c: NodeCheckContext) => Finding[])(node, check));
    } catch (error) {
      // A node whose config bypassed the schema: report it on the node and go on with the others.
      out.push(finding("flow.invalid", { nodeId: node.id }, { detail: describe(error) }));
    }
  }

  out.push(...outputFindings(graph));
  out.push(...loopFindings(graph));
  out.push(...reachabilityFindings(graph));
  return out;
}

/** Exactly one trigger: none is a flow-level error, each extra one an error on that node. */
function triggerFindings(graph: FlowGraph): Finding[] {
  if (graph.triggers.length === 0) return [finding("flow.no_trigger")];
  return graph.triggers.slice(1).map((t) => finding("flow.extra_trigger", { nodeId: t.id }));
}

function edgeFindings(graph: FlowGraph): Finding[] {
  const out: Finding[] = [];
  for (const edge of graph.duplicateEdgeIds)
    out.push(finding("edge.duplicate_id", { edgeId: edge.id }, { id: edge.id }));
  for (const { edge, problems } of graph.rejected) {
    const source = graph.nodes.get(edge.source);
    const params = {
      source: edge.source,
      target: edge.target,
      handle: edge.sourceHandle,
      node: source ? nodeName(source) : edge.source,
    };
    for (const problem of problems) out.push(finding(EDGE_CODES[problem], { edgeId: edge.id }, params));
  }
  for (const edge of graph.handleTaken) {
    const source = graph.nodes.get(edge.source);
    out.push(
      finding(
        "edge.handle_taken",
        { edgeId: edge.id },
        { handle: edge.sourceHandle, node: source ? nodeName(source) : edge.source },
      ),
    );
  }
  return out;
}

/**
 * Unconnected outputs: a required one (the trigger's) is an error. Others simply end the run there,
 * which is normal (a `failed` output, a timeout), except a wait-for-reply none of whose reply branches
 * leads anywhere: waiting for an answer and then ignoring it is almost certainly unfinished work.
 */
function outputFindings(graph: FlowGraph): Finding[] {
  const out: Finding[] = [];
  for (const [id, handles] of graph.handles) {
    const edges = graph.out(id);
    const connected = (handle: string) => edges.some((e) => e.sourceHandle === handle);
    for (const handle of handles) {
      if (handle.required && !connected(handle.id)) {
        out.push(finding("node.required_output_unconnected", { nodeId: id }, { handle: handle.id }));
      }
    }
    const node = graph.nodes.get(id);
    if (node?.type === "wait-for-reply" && node.config.branches.length > 0) {
      if (!edges.some((e) => e.sourceHandle !== TIMEOUT_HANDLE)) {
        out.push(finding("wait.branches_unconnected", { nodeId: id }));
      }
    }
  }
  return out;
}

/** A loop with no wait or delay would spin as fast as the executor can run it (and send each time). */
function loopFindings(graph: FlowGraph): Finding[] {
  return graph.loopsWithoutPause().map((ids) => {
    const names = ids.map((id) => {
      const node = graph.nodes.get(id);
      return node ? nodeName(node) : id;
    });
    return finding(
      "flow.cycle_without_pause",
      { nodeId: ids[0], relatedNodeIds: ids },
      { nodes: names.join(", "), count: ids.length },
    );
  });
}

/**
 * Unreachable steps are a warning: they can never run, so they cannot misbehave, and a half-built branch
 * should not block publishing the rest. Skipped without a trigger (flow.no_trigger says it all).
 * Free-form sends that may run outside the 24-hour window are errors: Meta rejects them (131047).
 */
function reachabilityFindings(graph: FlowGraph): Finding[] {
  if (graph.triggers.length === 0) return [];
  const out: Finding[] = [];
  const reachable = graph.reachable();
  const window = minutesSinceInbound(graph);
  for (const [id, node] of graph.nodes) {
    if (!reachable.has(id)) {
      out.push(finding("node.unreachable", { nodeId: id }));
      continue;
    }
    if (isInsideWindow(window.get(id))) continue;
    if (node.type === "send-text") out.push(finding("send_text.outside_window", { nodeId: id }));
    else if (node.type === "opt-out" && node.config.confirmationText.trim() !== "") {
      out.push(finding("opt_out.confirmation_outside_window", { nodeId: id }));
    }
  }
  return out;
}
