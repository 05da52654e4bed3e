"use client";

import { create } from "zustand";

/** How many runs reached a node over the chosen range, and where they are now. */
export interface NodeRunCounts {
  entered: number;
  waiting: number;
  completed: number;
  failed: number;
}

export type PathStepStatus = "running" | "waiting" | "completed" | "failed" | "skipped";

/** One run's way through the canvas: the nodes it visited (with the status of the last visit) and the edges it took. */
export interface RunPath {
  runId: string;
  nodes: Record<string, PathStepStatus>;
  edges: Record<string, true>;
}

/**
 * The canvas' Runs mode, kept apart from the graph store: each node and edge subscribes to its own entry
 * (by id), so a poll that changes one count re-renders one badge, and a poll that changes nothing
 * re-renders nothing (unchanged entries keep their object).
 */
interface RunOverlayState {
  active: boolean;
  nodes: Record<string, NodeRunCounts>;
  /** Runs that left a node through a handle, keyed by edgeKey(source, handle). */
  edges: Record<string, number>;
  selectedRunId: string | null;
  path: RunPath | null;
  setActive: (active: boolean) => void;
  setCounts: (overlay: {
    nodes: readonly ({ nodeId: string } & NodeRunCounts)[];
    edges: readonly { nodeId: string; handle: string | null; count: number }[];
  }) => void;
  selectRun: (runId: string | null) => void;
  setPath: (path: RunPath | null) => void;
}

export function edgeKey(source: string, handle: string): string {
  return `${source}\u0000${handle}`;
}

function sameCounts(a: NodeRunCounts | undefined, b: NodeRunCounts): boolean {
  return (
    a !== undefined &&
    a.entered === b.entered &&
    a.waiting === b.waiting &&
    a.completed === b.completed &&
    a.failed === b.failed
  );
}

function sameRecord<T>(a: Record<string, T>, b: Record<string, T>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

export const useRunOverlay = create<RunOverlayState>()((set, get) => ({
  active: false,
  nodes: {},
  edges: {},
  selectedRunId: null,
  path: null,
  // leaving Runs mode forgets the counts (they are polled again on return) but keeps the chosen run
  setActive: (active) => set(active ? { active } : { active, nodes: {}, edges: {} }),
  setCounts: (overlay) => {
    const previous = get();
    const nodes: Record<string, NodeRunCounts> = {};
    for (const { nodeId, entered, waiting, completed, failed } of overlay.nodes) {
      const counts = { entered, waiting, completed, failed };
      const before = previous.nodes[nodeId];
      nodes[nodeId] = before && sameCounts(before, counts) ? before : counts;
    }
    const edges: Record<string, number> = {};
    for (const { nodeId, handle, count } of overlay.edges) {
      if (handle) edges[edgeKey(nodeId, handle)] = count;
    }
    set({
      nodes: sameRecord(previous.nodes, nodes) ? previous.nodes : nodes,
      edges: sameRecord(previous.edges, edges) ? previous.edges : edges,
    });
  },
  selectRun: (selectedRunId) => set({ selectedRunId, ...(selectedRunId ? {} : { path: null }) }),
  setPath: (path) => set({ path }),
}));

/** A node's counts while Runs mode is on (undefined otherwise, or when no run reached it). */
export function useNodeRunCounts(nodeId: string): NodeRunCounts | undefined {
  return useRunOverlay((s) => (s.active ? s.nodes[nodeId] : undefined));
}

/** Where a node stands on the selected run's path: its status, "off" the path, or null with no run selected. */
export function useNodePathState(nodeId: string): PathStepStatus | "off" | null {
  return useRunOverlay((s) => (s.active && s.path ? (s.path.nodes[nodeId] ?? "off") : null));
}

/** Whether an edge is on the selected run's path: true, false, or null with no run selected. */
export function useEdgePathState(edgeId: string): boolean | null {
  return useRunOverlay((s) => (s.active && s.path ? Boolean(s.path.edges[edgeId]) : null));
}
