import {
  invitationTargetInput,
  invitationTokenInput,
  inviteMemberInput,
  workspaceScope,
} from "@/lib/auth/schemas";
import { createTRPCRouter, protectedProcedure, publicProcedure, workspaceProcedure } from "@/server/api/trpc";
import { acceptInvitation, previewInvitation } from "@/server/services/invitations/accept-invitation";
import { createInvitation } from "@/server/services/invitations/create-invitation";
import { listInvitations } from "@/server/services/invitations/list-invitations";
import { revokeInvitation } from "@/server/services/invitations/revoke-invitation";

export const invitationRouter = createTRPCRouter({
  list: workspaceProcedure("admin")
    .input(workspaceScope)
    .query(({ ctx }) => listInvitations(ctx.member)),
  create: workspaceProcedure("admin")
    .input(inviteMemberInput)
    .mutation(({ ctx, input }) => createInvitation(ctx.member, input.email, input.role)),
  revoke: workspaceProcedure("admin")
    .input(invitationTargetInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.member, input.invitationId)),
  preview: publicProcedure.input(invitationTokenInput).query(({ input }) => previewInvitation(input.token)),
  accept: protectedProcedure
    .input(invitationTokenInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.user, input.token)),
});
