import { listMessagesSchema, sendTestTemplateSchema } from "@/lib/whatsapp/inputs";
import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { listMessages } from "@/server/services/messages/list-messages";
import { sendTestTemplate } from "@/server/services/messages/send-test-template";

export const messageRouter = createTRPCRouter({
  list: workspaceProcedure("viewer")
    .input(listMessagesSchema)
    .query(({ ctx, input }) => listMessages(ctx.member, input)),
  sendTestTemplate: workspaceProcedure("editor")
    .input(sendTestTemplateSchema)
    .mutation(({ ctx, input: { workspaceSlug: _slug, ...input } }) => sendTestTemplate(ctx.member, input)),
});
