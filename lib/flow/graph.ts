import { nodeDefinitions, handlesOf } from "./nodes/index";
import type { FlowDocument, FlowEdge, FlowNode, FlowNodeOf } from "./schema";
import type { HandleSpec } from "./types";

/** Why an edge cannot be followed by a run (each becomes an `edge.*` finding). */
export type EdgeProblem =
  "source_missing" | "target_missing" | "unknown_handle" | "into_trigger" | "self_loop";

export interface RejectedEdge {
  edge: FlowEdge;
  problems: EdgeProblem[];
}

/**
 * An index of a flow document for graph rules: nodes by id, the usable edges by source and by target,
 * and lazily computed reachability. Built once per validation in O(nodes + edges), so no rule needs to
 * scan the edge list per node.
 */
export class FlowGraph {
  /** The first node with each id (later duplicates are in `duplicateNodes`). */
  readonly nodes = new Map<string, FlowNode>();
  readonly duplicateNodes: FlowNode[] = [];
  readonly handles = new Map<string, HandleSpec[]>();
  /** Edges a run can follow, by source id and by target id. */
  readonly outgoing = new Map<string, FlowEdge[]>();
  readonly incoming = new Map<string, FlowEdge[]>();
  readonly rejected: RejectedEdge[] = [];
  /** Usable edges leaving an output that an earlier edge already uses: only one is followed. */
  readonly handleTaken: FlowEdge[] = [];
  readonly duplicateEdgeIds: FlowEdge[] = [];
  readonly triggers: FlowNodeOf<"trigger">[] = [];

  private reachableIds: Set<string> | undefined;
  private sendAhead: Set<string> | undefined;

  constructor(readonly document: FlowDocument) {
    for (const node of document.nodes) {
      if (this.nodes.has(node.id)) {
        this.duplicateNodes.push(node);
        continue;
      }
      this.nodes.set(node.id, node);
      this.handles.set(node.id, handlesOf(node));
      if (node.type === "trigger") this.triggers.push(node);
    }
    const edgeIds = new Set<string>();
    const usedOutputs = new Set<string>();
    for (const edge of document.edges) {
      if (edgeIds.has(edge.id)) this.duplicateEdgeIds.push(edge);
      edgeIds.add(edge.id);
      const problems = this.problemsOf(edge);
      if (problems.length > 0) {
        this.rejected.push({ edge, problems });
        continue;
      }
      const output = `${edge.source}\u0000${edge.sourceHandle}`;
      if (usedOutputs.has(output)) this.handleTaken.push(edge);
      usedOutputs.add(output);
      pushTo(this.outgoing, edge.source, edge);
      pushTo(this.incoming, edge.target, edge);
    }
  }

  private problemsOf(edge: FlowEdge): EdgeProblem[] {
    const problems: EdgeProblem[] = [];
    const source = this.nodes.get(edge.source);
    const target = this.nodes.get(edge.target);
    if (!source) problems.push("source_missing");
    if (!target) problems.push("target_missing");
    if (source && !this.handles.get(source.id)?.some((h) => h.id === edge.sourceHandle)) {
      problems.push("unknown_handle");
    }
    if (target?.type === "trigger") problems.push("into_trigger");
    // A node that does not pause, looping onto itself, would spin (or send) forever.
    if (source && edge.source === edge.target && !nodeDefinitions[source.type].pauses)
      problems.push("self_loop");
    return problems;
  }

  out(nodeId: string): readonly FlowEdge[] {
    return this.outgoing.get(nodeId) ?? [];
  }

  in(nodeId: string): readonly FlowEdge[] {
    return this.incoming.get(nodeId) ?? [];
  }

  /** The nodes a run can reach from a trigger. */
  reachable(): ReadonlySet<string> {
    if (!this.reachableIds) {
      this.reachableIds = this.walk(
        this.triggers.map((t) => t.id),
        (id) => this.out(id).map((e) => e.target),
      );
    }
    return this.reachableIds;
  }

  /** True when a sending node (template-send, send-text) can run after this one. */
  reachesSend(nodeId: string): boolean {
    if (!this.sendAhead) {
      // Walk backwards once from every sender's predecessors: those nodes have a send ahead of them.
      const starts: string[] = [];
      for (const node of this.nodes.values()) {
        if (nodeDefinitions[node.type].sends) starts.push(...this.in(node.id).map((e) => e.source));
      }
      this.sendAhead = this.walk(starts, (id) => this.in(id).map((e) => e.source));
    }
    return this.sendAhead.has(nodeId);
  }

  /**
   * The template-sends that most recently ran before a node, on every path to it: walking backwards,
   * each path stops at its first template-send.
   */
  nearestTemplateSends(nodeId: string): FlowNodeOf<"template-send">[] {
    const found: FlowNodeOf<"template-send">[] = [];
    const seen = new Set<string>([nodeId]);
    const queue = this.in(nodeId).map((e) => e.source);
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i] as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = this.nodes.get(id);
      if (!node) continue;
      if (node.type === "template-send") {
        found.push(node);
        continue;
      }
      for (const edge of this.in(id)) queue.push(edge.source);
    }
    return found;
  }

  /**
   * Groups of two or more nodes that do not pause (no wait-for-reply, no delay) and form a loop:
   * a run entering one would spin without end. Each group lists its nodes in document order. Tarjan's algorithm on the non-pausing nodes, iterative so
   * that a long chain cannot overflow the stack.
   */
  loopsWithoutPause(): string[][] {
    const pauses = (id: string) => {
      const node = this.nodes.get(id);
      return !node || nodeDefinitions[node.type].pauses;
    };
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const loops: string[][] = [];
    let counter = 0;

    for (const root of this.nodes.keys()) {
      if (index.has(root) || pauses(root)) continue;
      const frames: { id: string; next: number }[] = [{ id: root, next: 0 }];
      index.set(root, counter);
      low.set(root, counter++);
      stack.push(root);
      onStack.add(root);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1] as { id: string; next: number };
        const edges = this.out(frame.id);
        if (frame.next < edges.length) {
          const target = (edges[frame.next++] as FlowEdge).target;
          if (pauses(target) || target === frame.id) continue;
          if (!index.has(target)) {
            index.set(target, counter);
            low.set(target, counter++);
            stack.push(target);
            onStack.add(target);
            frames.push({ id: target, next: 0 });
          } else if (onStack.has(target)) {
            low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(target) ?? 0));
          }
          continue;
        }
        frames.pop();
        const parent = frames[frames.length - 1];
        if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
        if (low.get(frame.id) === index.get(frame.id)) {
          const component: string[] = [];
          let member: string | undefined;
          do {
            member = stack.pop();
            if (member === undefined) break;
            onStack.delete(member);
            component.push(member);
          } while (member !== frame.id);
          if (component.length > 1) loops.push(component);
        }
      }
    }
    // In document order, members and loops alike, so findings are stable whatever the traversal.
    const order = new Map([...this.nodes.keys()].map((id, i) => [id, i]));
    const position = (id: string) => order.get(id) ?? 0;
    for (const loop of loops) loop.sort((a, b) => position(a) - position(b));
    return loops.sort((a, b) => position(a[0] ?? "") - position(b[0] ?? ""));
  }

  private walk(starts: readonly string[], next: (id: string) => readonly string[]): Set<string> {
    const seen = new Set<string>();
    const queue = [...starts];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i] as string;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const n of next(id)) if (!seen.has(n)) queue.push(n);
    }
    return seen;
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
