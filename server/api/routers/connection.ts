import { workspaceScope } from "@/lib/auth/schemas";
import { connectManualSchema } from "@/lib/whatsapp/inputs";
import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import {
  connectManual,
  connectSandbox,
  disconnect,
  syncTemplates,
} from "@/server/services/connections/connect";
import { getConnection } from "@/server/services/connections/get-connection";

export const connectionRouter = createTRPCRouter({
  get: workspaceProcedure("viewer")
    .input(workspaceScope)
    .query(({ ctx }) => getConnection(ctx.member.workspace.id)),
  connectSandbox: workspaceProcedure("admin")
    .input(workspaceScope)
    .mutation(({ ctx }) => connectSandbox(ctx.member)),
  connectManual: workspaceProcedure("admin")
    .input(connectManualSchema)
    .mutation(({ ctx, input: { workspaceSlug: _slug, ...input } }) => connectManual(ctx.member, input)),
  disconnect: workspaceProcedure("admin")
    .input(workspaceScope)
    .mutation(({ ctx }) => disconnect(ctx.member)),
  syncTemplates: workspaceProcedure("editor")
    .input(workspaceScope)
    .mutation(({ ctx }) => syncTemplates(ctx.member)),
});
