"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useReactFlow } from "@xyflow/react";
import {
  Activity,
  ArrowLeft,
  CircleAlert,
  CloudOff,
  Download,
  History,
  Keyboard,
  LayoutDashboard,
  Loader2,
  Maximize,
  Pencil,
  Redo2,
  Rocket,
  Check,
  Undo2,
  TriangleAlert,
} from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { flowNameSchema } from "@/lib/flow/inputs";
import { cn } from "@/lib/ui/cn";
import { useSaveStore, type DraftSaver } from "./autosave";
import type { BuilderEdge, BuilderNode } from "./graph";
import { useBuilderStore } from "./store";
import { useBuilderUi } from "./ui-store";

export interface FlowSummary {
  id: string;
  name: string;
  description: string;
  status: "draft" | "published" | "archived";
  publishedVersion: number | null;
}

function ToolButton({
  label,
  onClick,
  disabled,
  children,
  pressed,
  testId,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
  pressed?: boolean;
  testId?: string;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      aria-pressed={pressed}
      title={label}
      data-testid={testId}
      className="flex size-8 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-40 disabled:hover:bg-transparent aria-pressed:bg-slate-100"
    >
      {children}
    </button>
  );
}

function Divider() {
  return <span aria-hidden className="mx-1 h-5 w-px shrink-0 bg-slate-200" />;
}

/** The flow's name; editors rename it in place (Enter saves, Escape cancels). */
function FlowName({ flow, editable }: { flow: FlowSummary; editable: boolean }) {
  const t = useTranslations("builder.toolbar");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(flow.name);
  const rename = useMutation(
    trpc.flow.rename.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.flow.get.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.flow.list.queryKey() });
      },
      onError: (error) => {
        toast.error(describeError(error));
        setValue(flow.name);
      },
    }),
  );
  const { slug } = useWorkspace();

  function commit() {
    setEditing(false);
    const parsed = flowNameSchema.safeParse(value);
    if (!parsed.success) {
      setValue(flow.name);
      return;
    }
    if (parsed.data === flow.name) return;
    rename.mutate({ workspaceSlug: slug, flowId: flow.id, name: parsed.data });
  }

  if (editing) {
    return (
      <input
        autoFocus
        aria-label={t("name")}
        value={value}
        maxLength={120}
        dir="auto"
        onChange={(e) => setValue(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") {
            setValue(flow.name);
            setEditing(false);
          }
        }}
        className="h-8 w-64 min-w-0 rounded-md border border-brand-600 px-2 text-sm font-semibold outline-none ring-2 ring-brand-600/20"
      />
    );
  }
  const shown = rename.isPending ? value : flow.name;
  return editable ? (
    <button
      type="button"
      onClick={() => {
        setValue(flow.name);
        setEditing(true);
      }}
      title={t("rename")}
      aria-label={t("renameNamed", { name: shown })}
      data-testid="flow-name"
      className="group flex min-w-0 items-center gap-1.5 rounded-md px-1.5 py-1 hover:bg-slate-100"
    >
      <span className="truncate text-sm font-semibold text-slate-900" dir="auto">
        {shown}
      </span>
      <Pencil aria-hidden className="size-3.5 shrink-0 text-slate-400 group-hover:text-slate-600" />
    </button>
  ) : (
    <h1 className="truncate px-1.5 text-sm font-semibold text-slate-900" dir="auto" data-testid="flow-name">
      {flow.name}
    </h1>
  );
}

/** saved / saving / unsaved / conflict / error, with a way out of the last two. */
function SaveIndicator({
  onRetry,
  onResolveConflict,
}: {
  onRetry: () => void;
  onResolveConflict: () => void;
}) {
  const t = useTranslations("builder.save");
  const format = useFormatter();
  const status = useSaveStore((s) => s.status);
  const lastSavedAt = useSaveStore((s) => s.lastSavedAt);
  const common = "inline-flex shrink-0 items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium";
  const shared = { "data-testid": "save-status", "data-status": status };
  // conflict and error are buttons (they offer the way out); the other states only inform
  if (status === "conflict" || status === "error") {
    const conflict = status === "conflict";
    const Icon = conflict ? TriangleAlert : CloudOff;
    return (
      <button
        type="button"
        onClick={conflict ? onResolveConflict : onRetry}
        {...shared}
        className={cn(
          common,
          conflict
            ? "bg-amber-50 text-amber-800 hover:bg-amber-100"
            : "bg-red-50 text-red-700 hover:bg-red-100",
        )}
      >
        <Icon aria-hidden className="size-3.5" />
        {t(status)}
      </button>
    );
  }
  const mark =
    status === "saving" ? (
      <Loader2 aria-hidden className="size-3.5 animate-spin" />
    ) : status === "unsaved" ? (
      <span aria-hidden className="size-2 rounded-full bg-amber-400" />
    ) : (
      <Check aria-hidden className="size-3.5 text-emerald-600" />
    );
  const savedAt =
    status === "saved" && lastSavedAt
      ? t("savedAt", { time: format.dateTime(lastSavedAt, { timeStyle: "short" }) })
      : undefined;
  return (
    <span role="status" {...shared} className={cn(common, "text-slate-500")} title={savedAt}>
      {mark}
      {t(status === "saving" || status === "unsaved" ? status : "saved")}
    </span>
  );
}

export function Toolbar({
  flow,
  readOnly,
  runsMode,
  saver,
  onLayout,
  onExport,
  onPublish,
  onResolveConflict,
}: {
  flow: FlowSummary;
  readOnly: boolean;
  /** Runs mode: the canvas shows runs and cannot be edited, so the editing tools step aside. */
  runsMode: boolean;
  saver: DraftSaver;
  onLayout: () => void;
  onExport: () => void;
  onPublish: () => void;
  onResolveConflict: () => void;
}) {
  const t = useTranslations("builder.toolbar");
  const tf = useTranslations("builder.status");
  const tr = useTranslations("runs.canvas");
  const setMode = useBuilderUi((s) => s.setMode);
  const { slug } = useWorkspace();
  const rf = useReactFlow<BuilderNode, BuilderEdge>();
  const canUndo = useBuilderStore((s) => s.past.length > 0);
  const canRedo = useBuilderStore((s) => s.future.length > 0);
  const undo = useBuilderStore((s) => s.undo);
  const redo = useBuilderStore((s) => s.redo);
  const empty = useBuilderStore((s) => s.nodes.length === 0);
  const errors = useBuilderStore((s) => s.findings.filter((f) => f.severity === "error").length);
  const warnings = useBuilderStore((s) => s.findings.length) - errors;
  const panel = useBuilderUi((s) => s.panel);
  const setPanel = useBuilderUi((s) => s.setPanel);
  const setShortcutsOpen = useBuilderUi((s) => s.setShortcutsOpen);
  const setHistoryOpen = useBuilderUi((s) => s.setHistoryOpen);
  const publishBlocked = errors > 0 || empty;

  return (
    <div
      role="toolbar"
      aria-label={t("label")}
      className="flex h-12 shrink-0 items-center gap-1 overflow-x-auto border-b border-slate-200 bg-white px-2"
    >
      <Link
        href={`/w/${slug}/flows`}
        aria-label={t("back")}
        title={t("back")}
        className="flex size-8 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100"
      >
        <ArrowLeft aria-hidden className="size-4 rtl:rotate-180" />
      </Link>
      <div className="flex min-w-0 items-center gap-1.5">
        <FlowName key={flow.name} flow={flow} editable={!readOnly} />
        <span
          data-testid="flow-status"
          className={cn(
            "shrink-0 rounded-full px-2 py-0.5 text-[11px] font-medium",
            flow.status === "published"
              ? "bg-emerald-50 text-emerald-700"
              : flow.status === "archived"
                ? "bg-slate-200 text-slate-600"
                : "bg-slate-100 text-slate-600",
          )}
        >
          {tf(flow.status)}
          {flow.publishedVersion ? ` · ${tf("version", { version: flow.publishedVersion })}` : ""}
        </span>
        {readOnly ? null : (
          <SaveIndicator onRetry={() => void saver.saveNow()} onResolveConflict={onResolveConflict} />
        )}
      </div>

      <div className="ms-auto flex shrink-0 items-center gap-0.5">
        <button
          type="button"
          onClick={() => setMode(runsMode ? "edit" : "runs")}
          aria-pressed={runsMode}
          title={runsMode ? tr("leave") : tr("enter")}
          data-testid="toolbar-runs"
          className="inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md px-2 text-xs font-semibold text-slate-700 hover:bg-slate-100 aria-pressed:bg-brand-50 aria-pressed:text-brand-700"
        >
          <Activity aria-hidden className="size-4" />
          {tr("toggle")}
        </button>
        <Divider />
        {readOnly || runsMode ? null : (
          <>
            <ToolButton label={t("undo")} onClick={undo} disabled={!canUndo} testId="toolbar-undo">
              <Undo2 aria-hidden className="size-4 rtl:-scale-x-100" />
            </ToolButton>
            <ToolButton label={t("redo")} onClick={redo} disabled={!canRedo} testId="toolbar-redo">
              <Redo2 aria-hidden className="size-4 rtl:-scale-x-100" />
            </ToolButton>
            <Divider />
            <ToolButton label={t("layout")} onClick={onLayout} disabled={empty} testId="toolbar-layout">
              <LayoutDashboard aria-hidden className="size-4" />
            </ToolButton>
          </>
        )}
        <ToolButton
          label={t("fitView")}
          onClick={() => void rf.fitView({ padding: 0.2, duration: 250, maxZoom: 1 })}
          testId="toolbar-fit"
        >
          <Maximize aria-hidden className="size-4" />
        </ToolButton>
        <Divider />
        <button
          type="button"
          onClick={() => setPanel("issues")}
          aria-pressed={panel === "issues"}
          aria-label={t("issues", { errors, warnings })}
          title={t("issues", { errors, warnings })}
          data-testid="toolbar-issues"
          className={cn(
            "inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md px-2 text-xs font-semibold",
            errors > 0
              ? "text-red-700 hover:bg-red-50"
              : warnings > 0
                ? "text-amber-700 hover:bg-amber-50"
                : "text-emerald-700 hover:bg-emerald-50",
          )}
        >
          {errors > 0 ? (
            <CircleAlert aria-hidden className="size-4" />
          ) : warnings > 0 ? (
            <TriangleAlert aria-hidden className="size-4" />
          ) : (
            <Check aria-hidden className="size-4" />
          )}
          <span data-testid="issues-count">{errors + warnings}</span>
        </button>
        <ToolButton label={t("shortcuts")} onClick={() => setShortcutsOpen(true)} testId="toolbar-shortcuts">
          <Keyboard aria-hidden className="size-4" />
        </ToolButton>
        <ToolButton label={t("history")} onClick={() => setHistoryOpen(true)} testId="toolbar-history">
          <History aria-hidden className="size-4" />
        </ToolButton>
        <ToolButton label={t("export")} onClick={onExport} testId="toolbar-export">
          <Download aria-hidden className="size-4" />
        </ToolButton>
        {readOnly ? null : (
          <>
            <Divider />
            {/* A disabled button gets no pointer events: the wrapper shows why on hover or focus. */}
            <span tabIndex={publishBlocked ? 0 : -1} className="group relative inline-flex rounded-md">
              <button
                type="button"
                onClick={onPublish}
                disabled={publishBlocked}
                data-testid="toolbar-publish"
                aria-describedby={publishBlocked ? "publish-blocked-reason" : undefined}
                className="inline-flex h-8 items-center gap-1.5 rounded-md bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-brand-600/50"
              >
                <Rocket aria-hidden className="size-4" />
                {t("publish")}
              </button>
              {publishBlocked ? (
                <span
                  role="tooltip"
                  id="publish-blocked-reason"
                  data-testid="publish-blocked-reason"
                  className="pointer-events-none invisible absolute end-0 top-full z-50 mt-2 w-64 rounded-md bg-slate-900 px-2.5 py-1.5 text-xs text-white opacity-0 shadow-lg transition-opacity group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100"
                >
                  {empty ? t("publishEmpty") : t("publishBlocked", { n: errors })}
                </span>
              ) : null}
            </span>
          </>
        )}
      </div>
    </div>
  );
}
