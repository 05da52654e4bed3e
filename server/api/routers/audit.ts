import { listAuditInput } from "@/lib/auth/schemas";
import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { listAudit } from "@/server/services/audit/list-audit";

export const auditRouter = createTRPCRouter({
  list: workspaceProcedure("admin")
    .input(listAuditInput)
    .query(({ ctx, input }) => listAudit(ctx.member, input)),
});
