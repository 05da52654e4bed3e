"use client";

import "@xyflow/react/dist/style.css";
import "./builder.css";
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type IsValidConnection,
  type MiniMapNodeProps,
  type Viewport,
} from "@xyflow/react";
import { MousePointerClick } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState, type DragEvent } from "react";
import { NODE_TYPES, type NodeType } from "@/lib/flow/schema";
import { edgeTypes } from "./edges/branch-edge";
import type { BuilderEdge, BuilderNode } from "./graph";
import { NODE_LOOKS, PALETTE_MIME } from "./node-meta";
import { nodeTypes } from "./nodes";
import { loadSelectionPanel } from "./side-panel";
import { useBuilderStore } from "./store";
import { useLocaleDir } from "./use-dir";
import { initialViewport } from "./viewport";

const SNAP: [number, number] = [16, 16];
/** Edge arrowheads in the edge's colour: plain, selected, with an error (see edges/branch-edge.tsx). */
const ARROWS = [
  ["raqi-arrow", "#94a3b8"],
  ["raqi-arrow-selected", "#059669"],
  ["raqi-arrow-error", "#ef4444"],
] as const;
/** From this size on, only what is in view is rendered: a 500-node flow opens and drags smoothly. */
const VISIBLE_ONLY_FROM = 150;
const PRO_OPTIONS = { hideAttribution: false };
const MINIMAP_STYLE = { width: 168, height: 112 };

function isNodeType(value: string): value is NodeType {
  return (NODE_TYPES as readonly string[]).includes(value);
}

function miniMapColor(node: BuilderNode): string {
  return NODE_LOOKS[node.type]?.color ?? "#94a3b8";
}

function MiniMapNode({ x, y, width, height, color, selected }: MiniMapNodeProps) {
  return (
    <rect
      x={x}
      y={y}
      width={width}
      height={height}
      rx={8}
      fill={color}
      fillOpacity={selected ? 1 : 0.6}
      stroke={selected ? "#047857" : "none"}
      strokeWidth={selected ? 8 : 0}
    />
  );
}

const isValidConnection: IsValidConnection<BuilderEdge> = (c) =>
  useBuilderStore.getState().isValidConnection({
    source: c.source,
    target: c.target,
    sourceHandle: c.sourceHandle ?? null,
  });

/** Sets data-canvas-ready on the canvas once the viewport is up and the nodes in view are measured. */
function ReadyMarker({ onChange }: { onChange: (ready: boolean) => void }) {
  const ready = useStore((s) => {
    if (!s.domNode || s.width === 0) return false;
    if (s.nodeLookup.size === 0) return true;
    for (const node of s.nodeLookup.values()) if (node.internals.handleBounds) return true;
    return false;
  });
  useEffect(() => onChange(ready), [ready, onChange]);
  return null;
}

/**
 * The React Flow canvas, controlled by the zustand store. It is always laid out left-to-right (handle
 * order is branch order), even when the page around it is Arabic.
 */
export function Canvas() {
  const t = useTranslations("builder");
  const nodes = useBuilderStore((s) => s.nodes);
  const edges = useBuilderStore((s) => s.edges);
  const readOnly = useBuilderStore((s) => s.readOnly);
  const onNodesChange = useBuilderStore((s) => s.onNodesChange);
  const onEdgesChange = useBuilderStore((s) => s.onEdgesChange);
  const connect = useBuilderStore((s) => s.connect);
  const addNode = useBuilderStore((s) => s.addNode);
  const { screenToFlowPosition } = useReactFlow();
  const dir = useLocaleDir();
  const container = useRef<HTMLDivElement>(null);
  // The first viewport is computed from the container's size before React Flow mounts, so the first
  // render already shows the right part of the flow (and only that part is rendered).
  const [start, setStart] = useState<Viewport | null>(null);
  const [ready, setReady] = useState(false);
  // The side panel's forms are loaded once the canvas is up, when the browser is idle.
  useEffect(() => {
    if (!ready) return;
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    idle(() => void loadSelectionPanel());
  }, [ready]);
  useLayoutEffect(() => {
    const box = container.current?.getBoundingClientRect();
    setStart(initialViewport(useBuilderStore.getState().nodes, box?.width ?? 800, box?.height ?? 600));
  }, []);

  function onDragOver(event: DragEvent) {
    if (readOnly || !event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }

  function onDrop(event: DragEvent) {
    const type = event.dataTransfer.getData(PALETTE_MIME);
    if (readOnly || !isNodeType(type)) return;
    event.preventDefault();
    const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    addNode(type, { x: Math.round((at.x - 128) / 16) * 16, y: Math.round((at.y - 32) / 16) * 16 });
  }

  return (
    <div
      ref={container}
      dir="ltr"
      className="relative h-full w-full"
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="builder-canvas"
      data-canvas-ready={ready ? "true" : "false"}
      data-node-count={nodes.length}
      data-edge-count={edges.length}
    >
      <svg aria-hidden className="absolute size-0">
        <defs>
          {ARROWS.map(([id, fill]) => (
            <marker
              key={id}
              id={id}
              viewBox="0 0 10 10"
              refX="8"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill={fill} />
            </marker>
          ))}
        </defs>
      </svg>
      {start ? (
        <ReactFlow<BuilderNode, BuilderEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={connect}
          isValidConnection={isValidConnection}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          edgesReconnectable={false}
          elementsSelectable
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={["Meta", "Control"]}
          snapToGrid
          snapGrid={SNAP}
          defaultViewport={start}
          onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_FROM}
          minZoom={0.1}
          maxZoom={2}
          proOptions={PRO_OPTIONS}
          connectionRadius={28}
          aria-label={t("canvas.label")}
        >
          <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="#cbd5e1" />
          <MiniMap<BuilderNode>
            pannable
            zoomable
            nodeColor={miniMapColor}
            nodeComponent={MiniMapNode}
            ariaLabel={t("canvas.minimap")}
            style={MINIMAP_STYLE}
            className="!rounded-lg !border !border-slate-200 !shadow-sm"
          />
          <Controls
            showInteractive={false}
            aria-label={t("canvas.controls")}
            className="!rounded-lg !shadow-sm"
          />
          <ReadyMarker onChange={setReady} />
        </ReactFlow>
      ) : null}
      {nodes.length === 0 ? (
        <div dir={dir} className="pointer-events-none absolute inset-0 flex items-center justify-center p-6">
          <div
            data-testid="empty-canvas-hint"
            className="max-w-sm rounded-xl border border-dashed border-slate-300 bg-white/90 px-6 py-5 text-center shadow-xs"
          >
            <MousePointerClick aria-hidden className="mx-auto size-7 text-slate-400" />
            <p className="mt-2 text-sm font-medium text-slate-700">
              {readOnly ? t("canvas.emptyReadOnly") : t("canvas.emptyTitle")}
            </p>
            {readOnly ? null : <p className="mt-1 text-xs text-slate-500">{t("canvas.emptyBody")}</p>}
          </div>
        </div>
      ) : null}
    </div>
  );
}
