"use client";

import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from "@xyflow/react";
import { create } from "zustand";
import { defaultConfig, handlesOf } from "@/lib/flow/nodes";
import type { FlowDocument, FlowNode, NodeConfigOf, NodeType } from "@/lib/flow/schema";
import type { Finding } from "@/lib/flow/types";
import { instantiateFragment, type FlowFragment } from "./clipboard";
import {
  canConnect,
  newId,
  newNodeId,
  outputHandles,
  toBuilderGraph,
  toBuilderNode,
  toFlowDocument,
  type BuilderEdge,
  type BuilderNode,
} from "./graph";

/**
 * The builder's single source of truth: React Flow renders `nodes`/`edges` from here (controlled mode) and
 * every change goes through an action, so undo/redo sees all of them. History is snapshot based: the graph
 * arrays are immutable, so a snapshot is two references. A drag is one step (snapshot at drag start), and
 * edits with the same coalesce key in quick succession (typing into one panel field) are one step.
 */
interface Snapshot {
  nodes: BuilderNode[];
  edges: BuilderEdge[];
}

const HISTORY_LIMIT = 200;
const COALESCE_MS = 1500;

export interface FindingCounts {
  errors: number;
  warnings: number;
}

export interface BuilderState {
  nodes: BuilderNode[];
  edges: BuilderEdge[];
  viewport: FlowDocument["viewport"];
  readOnly: boolean;
  /** Which mounted builder loaded the current graph (a new mount shows nothing until it has loaded). */
  loadKey: string | null;
  past: Snapshot[];
  future: Snapshot[];
  coalesce: { key: string; at: number } | null;
  dragging: boolean;
  /** Grows on every change that must be saved (including moves). */
  docVersion: number;
  /** Grows on every change validation cares about (not moves). */
  structureVersion: number;
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  findings: Finding[];
  /** Errors and warnings per node id and per edge id. */
  findingCounts: Record<string, FindingCounts>;

  load: (doc: FlowDocument, options: { readOnly: boolean; loadKey?: string }) => void;
  setReadOnly: (readOnly: boolean) => void;
  replaceDocument: (doc: FlowDocument) => void;
  onNodesChange: (changes: NodeChange<BuilderNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<BuilderEdge>[]) => void;
  connect: (connection: Connection) => void;
  isValidConnection: (connection: Pick<Connection, "source" | "target" | "sourceHandle">) => boolean;
  addNode: (
    type: NodeType,
    position: XYPosition,
    from?: { source: string; sourceHandle: string },
  ) => string | null;
  updateConfig: (id: string, config: NodeConfigOf<NodeType>, coalesceKey?: string) => void;
  updateLabel: (id: string, label: string | undefined, coalesceKey?: string) => void;
  deleteSelection: () => void;
  deleteEdge: (id: string) => void;
  pasteFragment: (fragment: FlowFragment, offset: XYPosition) => void;
  selectAll: () => void;
  clearSelection: () => void;
  selectElement: (target: { nodeId?: string; edgeId?: string }) => void;
  setPositions: (positions: ReadonlyMap<string, XYPosition>) => void;
  undo: () => void;
  redo: () => void;
  setFindings: (findings: Finding[]) => void;
}

type Patch = Partial<BuilderState>;

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function selectionOf(
  s: Pick<BuilderState, "nodes" | "edges" | "selectedNodeIds" | "selectedEdgeIds">,
): Patch {
  const nodeIds = s.nodes.filter((n) => n.selected).map((n) => n.id);
  const edgeIds = s.edges.filter((e) => e.selected).map((e) => e.id);
  return {
    selectedNodeIds: sameIds(nodeIds, s.selectedNodeIds) ? s.selectedNodeIds : nodeIds,
    selectedEdgeIds: sameIds(edgeIds, s.selectedEdgeIds) ? s.selectedEdgeIds : edgeIds,
  };
}

/** Records the current graph as an undo step (or extends the running one for the same key). */
function remember(s: BuilderState, coalesceKey?: string): Patch {
  const now = Date.now();
  if (coalesceKey && s.coalesce?.key === coalesceKey && now - s.coalesce.at < COALESCE_MS) {
    return { coalesce: { key: coalesceKey, at: now } };
  }
  return {
    past: [...s.past.slice(-(HISTORY_LIMIT - 1)), { nodes: s.nodes, edges: s.edges }],
    future: [],
    coalesce: coalesceKey ? { key: coalesceKey, at: now } : null,
  };
}

function edited(s: BuilderState, structure = true): Patch {
  return {
    docVersion: s.docVersion + 1,
    structureVersion: structure ? s.structureVersion + 1 : s.structureVersion,
  };
}

function setSelected<T extends { id: string; selected?: boolean }>(
  items: T[],
  ids: ReadonlySet<string>,
): T[] {
  let changed = false;
  const next = items.map((item) => {
    const selected = ids.has(item.id);
    if (Boolean(item.selected) === selected) return item;
    changed = true;
    return { ...item, selected };
  });
  return changed ? next : items;
}

/** Restores a snapshot's graph but keeps what is selected now, so undo does not jump the side panel. */
function restore(s: BuilderState, snapshot: Snapshot): Patch {
  const nodeIds = new Set(s.selectedNodeIds);
  const edgeIds = new Set(s.selectedEdgeIds);
  const nodes = setSelected(snapshot.nodes, nodeIds);
  const edges = setSelected(snapshot.edges, edgeIds);
  return { nodes, edges, ...selectionOf({ nodes, edges, selectedNodeIds: [], selectedEdgeIds: [] }) };
}

/** Drops edges whose source handle no longer exists (a removed reply branch). */
function pruneEdges(nodes: readonly BuilderNode[], edges: BuilderEdge[], changedId: string): BuilderEdge[] {
  const node = nodes.find((n) => n.id === changedId);
  if (!node) return edges;
  const handles = new Set(outputHandles(node).map((h) => h.id));
  const kept = edges.filter((e) => e.source !== changedId || handles.has(e.sourceHandle ?? ""));
  return kept.length === edges.length ? edges : kept;
}

const empty = {
  nodes: [] as BuilderNode[],
  edges: [] as BuilderEdge[],
  viewport: undefined,
  past: [] as Snapshot[],
  future: [] as Snapshot[],
  coalesce: null,
  dragging: false,
  selectedNodeIds: [] as string[],
  selectedEdgeIds: [] as string[],
  findings: [] as Finding[],
  findingCounts: {} as Record<string, FindingCounts>,
};

export const useBuilderStore = create<BuilderState>()((set, get) => ({
  ...empty,
  readOnly: true,
  loadKey: null,
  docVersion: 0,
  structureVersion: 0,

  load: (doc, { readOnly, loadKey }) => {
    const graph = toBuilderGraph(doc);
    set((s) => ({
      ...empty,
      ...graph,
      viewport: doc.viewport,
      readOnly,
      loadKey: loadKey ?? s.loadKey,
      docVersion: s.docVersion + 1,
      structureVersion: s.structureVersion + 1,
    }));
  },

  setReadOnly: (readOnly) => set({ readOnly }),

  replaceDocument: (doc) =>
    set((s) => {
      const graph = toBuilderGraph(doc);
      return {
        ...remember(s),
        ...graph,
        viewport: doc.viewport ?? s.viewport,
        selectedNodeIds: [],
        selectedEdgeIds: [],
        ...edited(s),
      };
    }),

  onNodesChange: (changes) => {
    const s = get();
    const allowed = s.readOnly
      ? changes.filter((c) => c.type === "select" || c.type === "dimensions")
      : changes;
    if (allowed.length === 0) return;
    let patch: Patch = {};
    const structural = allowed.some((c) => c.type === "remove" || c.type === "add" || c.type === "replace");
    const moves = allowed.filter((c) => c.type === "position");
    if (structural) {
      patch = { ...remember(s), ...edited(s) };
    } else if (moves.length > 0) {
      const dragging = moves.some((c) => c.type === "position" && c.dragging);
      if (dragging && !s.dragging) patch = { ...remember(s), dragging: true };
      else if (!dragging && s.dragging) patch = { dragging: false, ...edited(s, false) };
      else if (!dragging) patch = { ...remember(s, "nudge"), ...edited(s, false) };
    }
    const nodes = applyNodeChanges(allowed, s.nodes);
    let edges = s.edges;
    if (allowed.some((c) => c.type === "remove")) {
      const ids = new Set(nodes.map((n) => n.id));
      edges = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    }
    const selectionChanged = allowed.some((c) => c.type !== "position" && c.type !== "dimensions");
    set({ ...patch, nodes, edges, ...(selectionChanged ? selectionOf({ ...s, nodes, edges }) : {}) });
  },

  onEdgesChange: (changes) => {
    const s = get();
    const allowed = s.readOnly ? changes.filter((c) => c.type === "select") : changes;
    if (allowed.length === 0) return;
    const structural = allowed.some((c) => c.type !== "select");
    const edges = applyEdgeChanges(allowed, s.edges);
    set({
      ...(structural ? { ...remember(s), ...edited(s) } : {}),
      edges,
      ...selectionOf({ ...s, edges }),
    });
  },

  isValidConnection: (connection) => {
    const { nodes } = get();
    return canConnect(connection, (id) => nodes.find((n) => n.id === id));
  },

  connect: (connection) => {
    const s = get();
    if (s.readOnly || !s.isValidConnection(connection) || !connection.sourceHandle) return;
    // One edge per output handle: a new connection from a handle replaces the old one.
    const kept = s.edges.filter(
      (e) => !(e.source === connection.source && e.sourceHandle === connection.sourceHandle),
    );
    const edge: BuilderEdge = {
      id: newId("edge"),
      type: "branch",
      source: connection.source,
      sourceHandle: connection.sourceHandle,
      target: connection.target,
    };
    set({ ...remember(s), ...edited(s), edges: [...kept, edge] });
  },

  addNode: (type, position, from) => {
    const s = get();
    if (s.readOnly) return null;
    const id = newNodeId(type);
    const created = {
      id,
      type,
      position: { x: Math.round(position.x), y: Math.round(position.y) },
      config: defaultConfig(type),
    } as FlowNode;
    const node: BuilderNode = { ...toBuilderNode(created), selected: true };
    const nodes = [...setSelected(s.nodes, new Set()), node];
    let edges = setSelected(s.edges, new Set());
    if (from && canConnect({ ...from, target: id }, (nid) => nodes.find((n) => n.id === nid))) {
      edges = [...edges, { id: newId("edge"), type: "branch", ...from, target: id }];
    }
    set({ ...remember(s), ...edited(s), nodes, edges, selectedNodeIds: [id], selectedEdgeIds: [] });
    return id;
  },

  updateConfig: (id, config, coalesceKey) => {
    const s = get();
    if (s.readOnly) return;
    const nodes = s.nodes.map((n) =>
      n.id === id ? ({ ...n, data: { ...n.data, config } } as BuilderNode) : n,
    );
    set({ ...remember(s, coalesceKey), ...edited(s), nodes, edges: pruneEdges(nodes, s.edges, id) });
  },

  updateLabel: (id, label, coalesceKey) => {
    const s = get();
    if (s.readOnly) return;
    const nodes = s.nodes.map((n) => {
      if (n.id !== id) return n;
      const { label: _old, ...rest } = n.data;
      return { ...n, data: label ? { ...rest, label } : rest } as BuilderNode;
    });
    set({ ...remember(s, coalesceKey), ...edited(s), nodes });
  },

  deleteSelection: () => {
    const s = get();
    if (s.readOnly) return;
    const doomed = new Set(s.selectedNodeIds);
    const doomedEdges = new Set(s.selectedEdgeIds);
    if (doomed.size === 0 && doomedEdges.size === 0) return;
    const nodes = s.nodes.filter((n) => !doomed.has(n.id));
    const edges = s.edges.filter(
      (e) => !doomedEdges.has(e.id) && !doomed.has(e.source) && !doomed.has(e.target),
    );
    set({ ...remember(s), ...edited(s), nodes, edges, selectedNodeIds: [], selectedEdgeIds: [] });
  },

  deleteEdge: (id) => {
    const s = get();
    if (s.readOnly) return;
    const edges = s.edges.filter((e) => e.id !== id);
    if (edges.length === s.edges.length) return;
    set({ ...remember(s), ...edited(s), edges, ...selectionOf({ ...s, edges }) });
  },

  pasteFragment: (fragment, offset) => {
    const s = get();
    if (s.readOnly) return;
    const pasted = instantiateFragment(fragment, offset);
    const nodes = [...setSelected(s.nodes, new Set()), ...pasted.nodes];
    const edges = [...setSelected(s.edges, new Set()), ...pasted.edges];
    set({
      ...remember(s),
      ...edited(s),
      nodes,
      edges,
      selectedNodeIds: pasted.nodes.map((n) => n.id),
      selectedEdgeIds: [],
    });
  },

  selectAll: () =>
    set((s) => {
      const nodes = setSelected(s.nodes, new Set(s.nodes.map((n) => n.id)));
      const edges = setSelected(s.edges, new Set(s.edges.map((e) => e.id)));
      return { nodes, edges, ...selectionOf({ ...s, nodes, edges }) };
    }),

  clearSelection: () =>
    set((s) => {
      const nodes = setSelected(s.nodes, new Set());
      const edges = setSelected(s.edges, new Set());
      return { nodes, edges, selectedNodeIds: [], selectedEdgeIds: [] };
    }),

  selectElement: ({ nodeId, edgeId }) =>
    set((s) => {
      const nodes = setSelected(s.nodes, new Set(nodeId ? [nodeId] : []));
      const edges = setSelected(s.edges, new Set(edgeId ? [edgeId] : []));
      return { nodes, edges, ...selectionOf({ ...s, nodes, edges }) };
    }),

  setPositions: (positions) => {
    const s = get();
    if (s.readOnly || positions.size === 0) return;
    const nodes = s.nodes.map((n) => {
      const p = positions.get(n.id);
      return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: p } : n;
    });
    set({ ...remember(s), ...edited(s, false), nodes });
  },

  undo: () => {
    const s = get();
    const previous = s.past.at(-1);
    if (s.readOnly || !previous) return;
    set({
      ...restore(s, previous),
      past: s.past.slice(0, -1),
      future: [...s.future, { nodes: s.nodes, edges: s.edges }],
      coalesce: null,
      ...edited(s),
    });
  },

  redo: () => {
    const s = get();
    const next = s.future.at(-1);
    if (s.readOnly || !next) return;
    set({
      ...restore(s, next),
      future: s.future.slice(0, -1),
      past: [...s.past, { nodes: s.nodes, edges: s.edges }],
      coalesce: null,
      ...edited(s),
    });
  },

  setFindings: (findings) => {
    const counts: Record<string, FindingCounts> = {};
    for (const f of findings) {
      for (const key of [f.nodeId, f.edgeId]) {
        if (!key) continue;
        const c = (counts[key] ??= { errors: 0, warnings: 0 });
        if (f.severity === "error") c.errors += 1;
        else c.warnings += 1;
      }
    }
    set({ findings, findingCounts: counts });
  },
}));

/** The document as it stands now (what autosave sends). */
export function currentDocument(): FlowDocument {
  const { nodes, edges, viewport } = useBuilderStore.getState();
  return toFlowDocument(nodes, edges, viewport);
}

/** The first output handle of a node that has no edge yet (click-to-add connects from it). */
export function firstFreeHandle(nodeId: string): string | null {
  const { nodes, edges } = useBuilderStore.getState();
  const node = nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  const used = new Set(edges.filter((e) => e.source === nodeId).map((e) => e.sourceHandle));
  return handlesOf({ type: node.type, config: node.data.config }).find((h) => !used.has(h.id))?.id ?? null;
}
