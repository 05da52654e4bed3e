import { workspaceScope } from "@/lib/auth/schemas";
import { apiKeyTarget, createApiKeySchema } from "@/lib/runs/inputs";
import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/services/api-keys/api-keys";

export const apiKeyRouter = createTRPCRouter({
  list: workspaceProcedure("admin")
    .input(workspaceScope)
    .query(({ ctx }) => listApiKeys(ctx.member)),
  create: workspaceProcedure("admin")
    .input(createApiKeySchema)
    .mutation(({ ctx, input: { workspaceSlug: _slug, ...input } }) => createApiKey(ctx.member, input)),
  revoke: workspaceProcedure("admin")
    .input(apiKeyTarget)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.member, input.apiKeyId)),
});
