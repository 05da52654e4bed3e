import {
  archiveFlowInput,
  createFlowInput,
  exportFlowInput,
  flowTarget,
  flowVersionTarget,
  importFlowInput,
  listFlowsInput,
  publishFlowInput,
  renameFlowInput,
  restoreFlowVersionInput,
  saveFlowDraftInput,
} from "@/lib/flow/inputs";
import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { archiveFlow } from "@/server/services/flows/archive-flow";
import { createFlow } from "@/server/services/flows/create-flow";
import { deleteFlow } from "@/server/services/flows/delete-flow";
import { duplicateFlow } from "@/server/services/flows/duplicate-flow";
import { exportFlow } from "@/server/services/flows/export-flow";
import { getFlow } from "@/server/services/flows/get-flow";
import { getFlowVersion } from "@/server/services/flows/get-flow-version";
import { importFlow } from "@/server/services/flows/import-flow";
import { listFlowVersions } from "@/server/services/flows/list-flow-versions";
import { listFlows } from "@/server/services/flows/list-flows";
import { publishFlow } from "@/server/services/flows/publish-flow";
import { renameFlow } from "@/server/services/flows/rename-flow";
import { restoreFlowVersion } from "@/server/services/flows/restore-flow-version";
import { saveFlowDraft } from "@/server/services/flows/save-flow-draft";

/** Viewers read; editors edit and publish. */
export const flowRouter = createTRPCRouter({
  list: workspaceProcedure("viewer")
    .input(listFlowsInput)
    .query(({ ctx, input }) => listFlows(ctx.member, input)),
  get: workspaceProcedure("viewer")
    .input(flowTarget)
    .query(({ ctx, input }) => getFlow(ctx.member, input.flowId)),
  create: workspaceProcedure("editor")
    .input(createFlowInput)
    .mutation(({ ctx, input }) => createFlow(ctx.member, input)),
  rename: workspaceProcedure("editor")
    .input(renameFlowInput)
    .mutation(({ ctx, input }) => renameFlow(ctx.member, input)),
  duplicate: workspaceProcedure("editor")
    .input(flowTarget)
    .mutation(({ ctx, input }) => duplicateFlow(ctx.member, input.flowId)),
  archive: workspaceProcedure("editor")
    .input(archiveFlowInput)
    .mutation(({ ctx, input }) => archiveFlow(ctx.member, input)),
  delete: workspaceProcedure("editor")
    .input(flowTarget)
    .mutation(({ ctx, input }) => deleteFlow(ctx.member, input.flowId)),
  saveDraft: workspaceProcedure("editor")
    .input(saveFlowDraftInput)
    .mutation(({ ctx, input }) => saveFlowDraft(ctx.member, input)),
  publish: workspaceProcedure("editor")
    .input(publishFlowInput)
    .mutation(({ ctx, input }) => publishFlow(ctx.member, input)),
  listVersions: workspaceProcedure("viewer")
    .input(flowTarget)
    .query(({ ctx, input }) => listFlowVersions(ctx.member, input.flowId)),
  getVersion: workspaceProcedure("viewer")
    .input(flowVersionTarget)
    .query(({ ctx, input }) => getFlowVersion(ctx.member, input.flowId, input.number)),
  restoreVersion: workspaceProcedure("editor")
    .input(restoreFlowVersionInput)
    .mutation(({ ctx, input }) => restoreFlowVersion(ctx.member, input)),
  export: workspaceProcedure("viewer")
    .input(exportFlowInput)
    .query(({ ctx, input }) => exportFlow(ctx.member, input)),
  import: workspaceProcedure("editor")
    .input(importFlowInput)
    .mutation(({ ctx, input }) => importFlow(ctx.member, input)),
});
