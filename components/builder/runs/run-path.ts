import type { PathStepStatus, RunPath } from "./overlay-store";

interface PathStep {
  nodeId: string;
  seq: number;
  status: PathStepStatus;
  handle: string | null;
}

interface CanvasEdge {
  id: string;
  source: string;
  sourceHandle?: string | null;
  target: string;
}

/**
 * A run's path on the canvas: every node its steps visited (the last visit's status wins), and each edge
 * joining two consecutive steps through the handle the first one left by. Steps of nodes the draft no
 * longer has are kept; they simply match nothing.
 */
export function runPath(runId: string, steps: readonly PathStep[], edges: readonly CanvasEdge[]): RunPath {
  const ordered = [...steps].sort((a, b) => a.seq - b.seq);
  const nodes: RunPath["nodes"] = {};
  for (const step of ordered) nodes[step.nodeId] = step.status;
  const taken: RunPath["edges"] = {};
  ordered.forEach((step, i) => {
    const next = ordered[i + 1];
    if (!next || !step.handle) return;
    const edge = edges.find(
      (e) => e.source === step.nodeId && e.sourceHandle === step.handle && e.target === next.nodeId,
    );
    if (edge) taken[edge.id] = true;
  });
  return { runId, nodes, edges: taken };
}
