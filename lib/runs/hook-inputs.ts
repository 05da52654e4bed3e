import { z } from "zod";
import { workspaceScope } from "../auth/schemas";
import { flowIdSchema } from "../flow/inputs";
import { HOOK_AUTH_KINDS, hookMappingSchema, MAX_HOOK_BODY_BYTES } from "./hook-mapping";

/** The hook of one webhook trigger: a flow and the trigger node's id. */
export const hookTarget = workspaceScope.extend({
  flowId: flowIdSchema,
  nodeId: z.string().min(1).max(64),
});
export type HookTarget = z.infer<typeof hookTarget>;

export const setHookAuthKindInput = hookTarget.extend({ authKind: z.enum(HOOK_AUTH_KINDS) });
export type SetHookAuthKindInput = z.infer<typeof setHookAuthKindInput>;

/** A dry run: the sample is mapped as a delivery would be, without verification and without a run. */
export const testHookPayloadInput = hookTarget.extend({
  sample: z.string().max(MAX_HOOK_BODY_BYTES),
  /** The mapping being edited; absent: the one in the flow's draft. */
  mapping: hookMappingSchema.optional(),
});
export type TestHookPayloadInput = z.infer<typeof testHookPayloadInput>;
