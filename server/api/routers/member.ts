import { changeRoleInput, membershipTargetInput, workspaceScope } from "@/lib/auth/schemas";
import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { changeMemberRole } from "@/server/services/members/change-member-role";
import { listMembers } from "@/server/services/members/list-members";
import { removeMember } from "@/server/services/members/remove-member";

export const memberRouter = createTRPCRouter({
  list: workspaceProcedure("viewer")
    .input(workspaceScope)
    .query(({ ctx }) => listMembers(ctx.member)),
  changeRole: workspaceProcedure("admin")
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.member, input.membershipId, input.role)),
  remove: workspaceProcedure("admin")
    .input(membershipTargetInput)
    .mutation(({ ctx, input }) => removeMember(ctx.member, input.membershipId)),
  leave: workspaceProcedure("viewer")
    .input(workspaceScope)
    .mutation(({ ctx }) => removeMember(ctx.member, ctx.member.membershipId)),
});
