import {
  flowOverlaySchema,
  listRunsSchema,
  runTarget,
  startManualRunSchema,
  updateRunSettingsSchema,
} from "@/lib/runs/inputs";
import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { cancelRun, startManualRun, updateRunSettings } from "@/server/services/runs/manage-runs";
import { flowOverlay, getRun, listRuns } from "@/server/services/runs/query-runs";
import { retryRun } from "@/server/services/runs/retry-run";

export const runRouter = createTRPCRouter({
  list: workspaceProcedure("viewer")
    .input(listRunsSchema)
    .query(({ ctx, input }) => listRuns(ctx.member, input)),
  get: workspaceProcedure("viewer")
    .input(runTarget)
    .query(({ ctx, input }) => getRun(ctx.member, input.runId)),
  cancel: workspaceProcedure("editor")
    .input(runTarget)
    .mutation(({ ctx, input }) => cancelRun(ctx.member, input.runId)),
  retry: workspaceProcedure("editor")
    .input(runTarget)
    .mutation(({ ctx, input }) => retryRun(ctx.member, input.runId)),
  startManual: workspaceProcedure("editor")
    .input(startManualRunSchema)
    .mutation(({ ctx, input: { workspaceSlug: _slug, ...input } }) => startManualRun(ctx.member, input)),
  overlay: workspaceProcedure("viewer")
    .input(flowOverlaySchema)
    .query(({ ctx, input }) => flowOverlay(ctx.member, input.flowId, input.from, input.to)),
  updateSettings: workspaceProcedure("editor")
    .input(updateRunSettingsSchema)
    .mutation(({ ctx, input: { workspaceSlug: _slug, ...input } }) => updateRunSettings(ctx.member, input)),
});
