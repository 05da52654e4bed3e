"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useState } from "react";
import { toast } from "sonner";
import { useTRPC, useTRPCClient } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";
import { useErrorMessage } from "@/components/ui/use-error-message";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { DraftSaver, markSaved, useLeaveWarning, useSaveStore } from "./autosave";
import { Canvas } from "./canvas";
import { downloadJson } from "./download";
import { BuilderSkeleton } from "./skeleton";
import { Palette } from "./palette";
import { useRunOverlay } from "./runs/overlay-store";
import { RunsPanel } from "./runs/runs-panel";
import { useBuilderShortcuts } from "./shortcuts";
import { SidePanel } from "./side-panel";
import { currentDocument, useBuilderStore } from "./store";
import { useWorkspaceTemplates } from "./templates";
import { Toolbar } from "./toolbar";
import { useBuilderUi } from "./ui-store";
import { newId, type BuilderEdge, type BuilderNode } from "./graph";

export type FlowDetail = inferRouterOutputs<AppRouter>["flow"]["get"];

// Not needed for the first paint: each loads when first opened.
const ShortcutsSheet = lazy(() => import("./shortcuts-sheet"));
const PublishDialog = lazy(() => import("./publish-dialog").then((m) => ({ default: m.PublishDialog })));
const ConflictDialog = lazy(() => import("./conflict-dialog").then((m) => ({ default: m.ConflictDialog })));
const VersionsDrawer = lazy(() => import("./versions-drawer"));

/**
 * The flow builder: loads the flow, then hands it to the canvas. The whole builder fills the shell's main
 * area (fixed under the header, beside the sidebar) instead of the page's centred column.
 */
export function FlowBuilder({ flowId, initialFlow }: { flowId: string; initialFlow?: FlowDetail }) {
  const t = useTranslations("builder");
  const tc = useTranslations("common");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const flow = useQuery(
    trpc.flow.get.queryOptions(
      { workspaceSlug: workspace.slug, flowId },
      { refetchOnWindowFocus: false, staleTime: 5 * 60_000, initialData: initialFlow },
    ),
  );

  let body;
  if (flow.isPending) body = <BuilderSkeleton label={tc("loading")} />;
  else if (flow.isError)
    body = (
      <div className="p-6">
        <ErrorState
          title={flow.error.data?.code === "NOT_FOUND" ? t("notFoundTitle") : tc("errorTitle")}
          message={describeError(flow.error)}
          action={
            <div className="flex gap-2">
              <Button variant="secondary" asChild>
                <Link href={`/w/${workspace.slug}/flows`}>
                  <ArrowLeft aria-hidden className="size-4 rtl:rotate-180" />
                  {t("backToFlows")}
                </Link>
              </Button>
              <Button variant="secondary" onClick={() => void flow.refetch()}>
                {tc("retry")}
              </Button>
            </div>
          }
        />
      </div>
    );
  else
    body = (
      <ReactFlowProvider>
        <LoadedBuilder key={flowId} flow={flow.data} reload={async () => (await flow.refetch()).data} />
      </ReactFlowProvider>
    );

  return (
    <div
      className="fixed inset-x-0 bottom-0 top-14 z-10 flex flex-col bg-slate-50 md:start-64"
      data-testid="flow-builder"
    >
      {body}
    </div>
  );
}

/** The validator is loaded after the first paint: until then the server's findings (flow.get) stand. */
const loadValidator = () => import("@/lib/flow/validate");

/** Validates the draft in the browser after every change that matters (moves do not). */
function useFindingsSync() {
  const templates = useWorkspaceTemplates();
  const version = useBuilderStore((s) => s.structureVersion);
  const ready = templates.isSuccess || templates.isError;
  useEffect(() => {
    if (!ready) return;
    let current = true;
    void loadValidator().then(({ validate }) => {
      if (!current) return;
      useBuilderStore
        .getState()
        .setFindings(validate(currentDocument(), { templates: templates.data ?? [] }));
    });
    return () => {
      current = false;
    };
  }, [version, ready, templates.data]);
}

function LoadedBuilder({
  flow,
  reload,
}: {
  flow: FlowDetail;
  reload: () => Promise<FlowDetail | undefined>;
}) {
  const t = useTranslations("builder");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const rf = useReactFlow<BuilderNode, BuilderEdge>();
  const readOnly = !workspace.can("editor") || flow.status === "archived";
  const [loadKey] = useState(() => newId("load"));
  const loaded = useBuilderStore((s) => s.loadKey === loadKey);
  const [publishOpen, setPublishOpen] = useState(false);
  const [conflictOpen, setConflictOpen] = useState(false);
  const shortcutsOpen = useBuilderUi((s) => s.shortcutsOpen);
  const setShortcutsOpen = useBuilderUi((s) => s.setShortcutsOpen);
  const historyOpen = useBuilderUi((s) => s.historyOpen);
  const setHistoryOpen = useBuilderUi((s) => s.setHistoryOpen);
  const mode = useBuilderUi((s) => s.mode);
  const searchParams = useSearchParams();
  const scope = { workspaceSlug: workspace.slug, flowId: flow.id };

  const [saver] = useState(
    () =>
      new DraftSaver((document, revision, force) =>
        client.flow.saveDraft.mutate({
          workspaceSlug: workspace.slug,
          flowId: flow.id,
          revision,
          document,
          force,
        }),
      ),
  );

  // Load the document once (a refetch of flow.get for its name or status must not reset the canvas).
  useLayoutEffect(() => {
    const s = useBuilderStore.getState();
    s.load(flow.draft, { readOnly, loadKey });
    s.setFindings(flow.findings);
    markSaved(flow.revision, flow.updatedAt);
    // ?mode=runs&run=<id> (a run's page links here) opens Runs mode with that run's path drawn
    const runsMode = searchParams.get("mode") === "runs";
    useBuilderUi.setState({
      panel: "issues",
      shortcutsOpen: false,
      historyOpen: false,
      mode: runsMode ? "runs" : "edit",
    });
    useRunOverlay.getState().selectRun(runsMode ? searchParams.get("run") : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loads once per mounted flow (keyed by id)
  }, []);

  // Runs mode shows what happened: the canvas cannot be edited meanwhile
  useEffect(() => {
    useBuilderStore.getState().setReadOnly(readOnly || mode === "runs");
  }, [readOnly, mode]);

  // the mode is in the address, so a reload or a shared link opens the same view
  useEffect(() => {
    const url = new URL(window.location.href);
    if (mode === "runs") url.searchParams.set("mode", "runs");
    else {
      url.searchParams.delete("mode");
      url.searchParams.delete("run");
    }
    if (url.href !== window.location.href) window.history.replaceState(null, "", url);
  }, [mode]);

  useEffect(() => {
    if (readOnly) return;
    const stop = saver.start();
    return () => {
      stop();
      // Leaving inside the app: store what is pending (the request outlives the page).
      void saver.saveNow();
    };
  }, [saver, readOnly]);

  // Selecting something shows its settings.
  useEffect(() => {
    const unsubscribe = useBuilderStore.subscribe((s, prev) => {
      if (
        (s.selectedNodeIds !== prev.selectedNodeIds || s.selectedEdgeIds !== prev.selectedEdgeIds) &&
        (s.selectedNodeIds.length > 0 || s.selectedEdgeIds.length > 0)
      ) {
        useBuilderUi.getState().setPanel("step");
      }
    });
    return unsubscribe;
  }, []);

  // A conflict opens the dialog once; the toolbar's indicator reopens it.
  useEffect(
    () =>
      useSaveStore.subscribe((s, prev) => {
        if (s.status === "conflict" && prev.status !== "conflict") setConflictOpen(true);
      }),
    [],
  );

  useFindingsSync();
  useLeaveWarning();

  const layout = useCallback(async () => {
    const { layoutGraph } = await import("./layout");
    const s = useBuilderStore.getState();
    s.setPositions(layoutGraph(s.nodes, s.edges));
    requestAnimationFrame(() => void rf.fitView({ padding: 0.2, duration: 300, maxZoom: 1 }));
  }, [rf]);

  useBuilderShortcuts({ onShowShortcuts: () => setShortcutsOpen(true), onLayout: () => void layout() });

  async function exportFlow(version?: number) {
    try {
      if (version === undefined && !readOnly) await saver.saveNow();
      const file = await queryClient.fetchQuery(
        trpc.flow.export.queryOptions(
          { ...scope, ...(version === undefined ? {} : { version }) },
          { staleTime: 0 },
        ),
      );
      downloadJson(file.fileName, file.content);
    } catch (error) {
      toast.error(describeError(error));
    }
  }

  async function reloadTheirs() {
    const fresh = await reload();
    if (!fresh) return;
    const s = useBuilderStore.getState();
    s.load(fresh.draft, { readOnly });
    s.setFindings(fresh.findings);
    markSaved(fresh.revision, fresh.updatedAt);
    toast.success(t("conflict.reloaded"));
  }

  async function restore(number: number): Promise<boolean> {
    if (!(await saver.saveNow())) {
      toast.error(t("versions.saveFirst"));
      return false;
    }
    try {
      const saved = await client.flow.restoreVersion.mutate({
        ...scope,
        number,
        revision: useSaveStore.getState().revision,
      });
      const document = await queryClient.fetchQuery(trpc.flow.getVersion.queryOptions({ ...scope, number }));
      // Undoable: undo brings the previous draft back, and autosave stores it.
      useBuilderStore.getState().replaceDocument(document);
      markSaved(saved.revision, saved.updatedAt);
      requestAnimationFrame(() => void rf.fitView({ padding: 0.2, duration: 300, maxZoom: 1 }));
      toast.success(t("versions.restored", { n: number }));
      return true;
    } catch (error) {
      toast.error(describeError(error));
      return false;
    }
  }

  if (!loaded) return <BuilderSkeleton />;

  return (
    <>
      <Toolbar
        flow={flow}
        readOnly={readOnly}
        runsMode={mode === "runs"}
        saver={saver}
        onLayout={() => void layout()}
        onExport={() => void exportFlow()}
        onPublish={() => setPublishOpen(true)}
        onResolveConflict={() => setConflictOpen(true)}
      />
      {flow.status === "archived" ? (
        <p className="shrink-0 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {t("archived")}
        </p>
      ) : !workspace.can("editor") ? (
        <p
          className="shrink-0 border-b border-slate-200 bg-slate-100 px-4 py-2 text-sm text-slate-700"
          data-testid="builder-readonly"
        >
          {t("viewerNotice")}
        </p>
      ) : null}
      <div className="flex min-h-0 flex-1">
        {readOnly || mode === "runs" ? null : <Palette />}
        <section aria-label={t("canvas.label")} className="relative min-w-0 flex-1">
          <Canvas />
        </section>
        {mode === "runs" ? <RunsPanel flow={flow} /> : <SidePanel />}
      </div>
      <Suspense fallback={null}>
        {!readOnly && publishOpen ? (
          <PublishDialog open={publishOpen} onOpenChange={setPublishOpen} flowId={flow.id} saver={saver} />
        ) : null}
        {!readOnly && conflictOpen ? (
          <ConflictDialog
            open={conflictOpen}
            onOpenChange={setConflictOpen}
            saver={saver}
            onReload={reloadTheirs}
          />
        ) : null}
        {shortcutsOpen ? <ShortcutsSheet open={shortcutsOpen} onOpenChange={setShortcutsOpen} /> : null}
        {historyOpen ? (
          <VersionsDrawer
            open={historyOpen}
            onOpenChange={setHistoryOpen}
            flowId={flow.id}
            readOnly={readOnly}
            onRestore={restore}
            onExport={(n) => void exportFlow(n)}
          />
        ) : null}
      </Suspense>
    </>
  );
}
