"use client";

import { CircleAlert, Copy, MousePointerClick, Trash2, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ComponentType } from "react";
import { useShallow } from "zustand/react/shallow";
import type { NodeType } from "@/lib/flow/schema";
import { cn } from "@/lib/ui/cn";
import { fragmentOf } from "../clipboard";
import { handleLabel, nodeTitle } from "../describe";
import { NODE_LOOKS } from "../node-meta";
import { useBuilderStore } from "../store";
import { useFindingText } from "../use-finding-text";
import { IconButton, inputClass } from "./fields";
import { panelComponents } from "./registry";
import type { PanelProps } from "./types";

function duplicateSelection() {
  const s = useBuilderStore.getState();
  const fragment = fragmentOf(s.nodes, s.edges);
  if (fragment) s.pasteFragment(fragment, { x: 32, y: 32 });
}

/** The "Step" tab: the selected node's settings, or what to do with a multi-selection or an edge. */
export function SelectionPanel() {
  const nodeIds = useBuilderStore((s) => s.selectedNodeIds);
  const edgeIds = useBuilderStore((s) => s.selectedEdgeIds);
  const first = nodeIds[0];
  if (nodeIds.length === 1 && first) return <NodeSettings key={first} nodeId={first} />;
  if (nodeIds.length > 1) return <MultiSelection count={nodeIds.length} />;
  const edge = edgeIds[0];
  if (edgeIds.length === 1 && edge) return <EdgeSettings edgeId={edge} />;
  return <NothingSelected />;
}

function NothingSelected() {
  const t = useTranslations("builder.panel");
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      <MousePointerClick aria-hidden className="size-8 text-slate-300" />
      <p className="mt-3 text-sm font-medium text-slate-700">{t("nothingTitle")}</p>
      <p className="mt-1 text-xs text-slate-500">{t("nothingBody")}</p>
    </div>
  );
}

function MultiSelection({ count }: { count: number }) {
  const t = useTranslations("builder.panel");
  const readOnly = useBuilderStore((s) => s.readOnly);
  const deleteSelection = useBuilderStore((s) => s.deleteSelection);
  return (
    <div className="space-y-3 p-4">
      <p className="text-sm font-medium text-slate-800">{t("multiTitle", { n: count })}</p>
      {readOnly ? null : (
        <div className="flex gap-2">
          <button
            type="button"
            onClick={duplicateSelection}
            className="inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm hover:bg-slate-50"
          >
            <Copy aria-hidden className="size-4" />
            {t("duplicate")}
          </button>
          <button
            type="button"
            onClick={deleteSelection}
            className="inline-flex h-8 items-center gap-1.5 rounded-md border border-red-200 bg-white px-3 text-sm text-red-700 hover:bg-red-50"
          >
            <Trash2 aria-hidden className="size-4" />
            {t("delete")}
          </button>
        </div>
      )}
      <p className="text-xs text-slate-500">{t("multiHint")}</p>
    </div>
  );
}

function EdgeSettings({ edgeId }: { edgeId: string }) {
  const t = useTranslations("builder.panel");
  const tb = useTranslations("builder");
  const readOnly = useBuilderStore((s) => s.readOnly);
  const deleteEdge = useBuilderStore((s) => s.deleteEdge);
  const described = useBuilderStore(
    useShallow((s) => {
      const edge = s.edges.find((e) => e.id === edgeId);
      const source = edge && s.nodes.find((n) => n.id === edge.source);
      const target = edge && s.nodes.find((n) => n.id === edge.target);
      if (!edge || !source || !target) return null;
      return {
        from: nodeTitle(tb, { type: source.type, label: source.data.label }),
        to: nodeTitle(tb, { type: target.type, label: target.data.label }),
        branch: handleLabel(tb, { type: source.type, config: source.data.config }, edge.sourceHandle ?? ""),
      };
    }),
  );
  if (!described) return <NothingSelected />;
  const { from, to, branch } = described;
  return (
    <div className="space-y-3 p-4">
      <p className="text-sm font-medium text-slate-800">{t("edgeTitle")}</p>
      <p className="text-sm text-slate-600">
        {branch ? t("edgeBodyBranch", { from, to, branch }) : t("edgeBody", { from, to })}
      </p>
      {readOnly ? null : (
        <button
          type="button"
          onClick={() => deleteEdge(edgeId)}
          className="inline-flex h-8 items-center gap-1.5 rounded-md border border-red-200 bg-white px-3 text-sm text-red-700 hover:bg-red-50"
        >
          <Trash2 aria-hidden className="size-4" />
          {t("deleteEdge")}
        </button>
      )}
    </div>
  );
}

/** The node's own name; typing is debounced and one undo step. */
function LabelInput({
  nodeId,
  label,
  placeholder,
  readOnly,
}: {
  nodeId: string;
  label: string;
  placeholder: string;
  readOnly: boolean;
}) {
  const t = useTranslations("builder.panel");
  const [value, setValue] = useState(label);
  const written = useRef(label);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (label !== written.current) {
      written.current = label;
      setValue(label);
    }
  }, [label]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function onChange(next: string) {
    setValue(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const trimmed = next.trim().slice(0, 80);
      written.current = trimmed;
      useBuilderStore.getState().updateLabel(nodeId, trimmed || undefined, `${nodeId}:label`);
    }, 250);
  }

  return (
    <div className="space-y-1">
      <label htmlFor="node-label" className="block text-xs font-medium text-slate-700">
        {t("label")}
      </label>
      <input
        id="node-label"
        value={value}
        maxLength={80}
        dir="auto"
        disabled={readOnly}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        className={cn(inputClass, "h-9")}
      />
    </div>
  );
}

function NodeSettings({ nodeId }: { nodeId: string }) {
  const t = useTranslations("builder.panel");
  const tb = useTranslations("builder");
  const findingText = useFindingText();
  const type = useBuilderStore((s) => s.nodes.find((n) => n.id === nodeId)?.type);
  const data = useBuilderStore((s) => s.nodes.find((n) => n.id === nodeId)?.data);
  const readOnly = useBuilderStore((s) => s.readOnly);
  const deleteSelection = useBuilderStore((s) => s.deleteSelection);
  const findings = useBuilderStore(useShallow((s) => s.findings.filter((f) => f.nodeId === nodeId)));
  if (!type || !data) return <NothingSelected />;

  const look = NODE_LOOKS[type];
  const Icon = look.icon;
  const Form = panelComponents[type] as ComponentType<PanelProps<NodeType>>;
  const sorted = [...findings].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1,
  );

  return (
    <div className="space-y-4 p-4" data-testid={`panel-${type}`}>
      <div className="flex items-start gap-2.5">
        <span className={cn("flex size-9 shrink-0 items-center justify-center rounded-lg", look.tile)}>
          <Icon aria-hidden className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold text-slate-900" dir="auto">
            {nodeTitle(tb, { type, label: data.label })}
          </h2>
          <p className="text-xs text-slate-500">{tb(`nodes.${type}.description`)}</p>
        </div>
        {readOnly ? null : (
          <div className="flex">
            <IconButton label={t("duplicate")} onClick={duplicateSelection}>
              <Copy aria-hidden className="size-4" />
            </IconButton>
            <IconButton label={t("delete")} tone="danger" onClick={deleteSelection}>
              <Trash2 aria-hidden className="size-4" />
            </IconButton>
          </div>
        )}
      </div>

      {readOnly ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-xs text-slate-600" data-testid="panel-readonly">
          {t("readOnly")}
        </p>
      ) : null}

      {sorted.length > 0 ? (
        <ul className="space-y-1" aria-label={t("nodeFindings")}>
          {sorted.map((f, i) => (
            <li
              key={`${f.code}-${i}`}
              className={cn(
                "flex gap-1.5 rounded-md px-2 py-1.5 text-xs",
                f.severity === "error" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-800",
              )}
            >
              {f.severity === "error" ? (
                <CircleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
              ) : (
                <TriangleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
              )}
              <span>{findingText(f)}</span>
            </li>
          ))}
        </ul>
      ) : null}

      <LabelInput
        nodeId={nodeId}
        label={data.label ?? ""}
        placeholder={tb(`nodes.${type}.title`)}
        readOnly={readOnly}
      />
      <Form nodeId={nodeId} config={data.config} readOnly={readOnly} />
    </div>
  );
}
