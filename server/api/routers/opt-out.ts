import { z } from "zod";
import { workspaceScope } from "@/lib/auth/schemas";
import { optOutSettingsSchema } from "@/lib/whatsapp/opt-out";
import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import {
  getOptOutSettings,
  resetOptOutSettings,
  updateOptOutSettings,
} from "@/server/services/opt-out/opt-out-settings";

export const optOutRouter = createTRPCRouter({
  get: workspaceProcedure("viewer")
    .input(workspaceScope)
    .query(({ ctx }) => getOptOutSettings(ctx.member.workspace.id)),
  update: workspaceProcedure("admin")
    // An intersection keeps the schema's cross-field rule (a word cannot be in both lists).
    .input(z.intersection(workspaceScope, optOutSettingsSchema))
    .mutation(({ ctx, input }) =>
      updateOptOutSettings(ctx.member, {
        optOutKeywords: input.optOutKeywords,
        optInKeywords: input.optInKeywords,
      }),
    ),
  reset: workspaceProcedure("admin")
    .input(workspaceScope)
    .mutation(({ ctx }) => resetOptOutSettings(ctx.member)),
});
