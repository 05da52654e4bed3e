import { hookTarget, setHookAuthKindInput, testHookPayloadInput } from "@/lib/runs/hook-inputs";
import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import {
  ensureHook,
  getHook,
  revealHookSecret,
  rotateHookSecret,
  setHookAuthKind,
} from "@/server/services/hooks/manage-hooks";
import { testHookPayload } from "@/server/services/hooks/test-hook-payload";

/** Integration webhooks of webhook triggers. Viewers see a hook (never its secret); editors manage it. */
export const hookRouter = createTRPCRouter({
  get: workspaceProcedure("viewer")
    .input(hookTarget)
    .query(({ ctx, input }) => getHook(ctx.member, input)),
  ensure: workspaceProcedure("editor")
    .input(hookTarget)
    .mutation(({ ctx, input }) => ensureHook(ctx.member, input)),
  setAuthKind: workspaceProcedure("editor")
    .input(setHookAuthKindInput)
    .mutation(({ ctx, input }) => setHookAuthKind(ctx.member, input)),
  revealSecret: workspaceProcedure("editor")
    .input(hookTarget)
    .mutation(({ ctx, input }) => revealHookSecret(ctx.member, input)),
  rotateSecret: workspaceProcedure("editor")
    .input(hookTarget)
    .mutation(({ ctx, input }) => rotateHookSecret(ctx.member, input)),
  testPayload: workspaceProcedure("viewer")
    .input(testHookPayloadInput)
    .mutation(({ ctx, input }) => testHookPayload(ctx.member, input)),
});
