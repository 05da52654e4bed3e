import { z } from "zod";
import type { FlowNodeOf } from "../schema";
import type { Finding, HandleSpec, NodeCheckContext } from "../types";

/** Records that the contact no longer wants messages (marketing or all), optionally confirming it. */
export const optOutConfig = z.object({
  scope: z.enum(["marketing", "all"]).default("marketing"),
  confirmationText: z.string().max(1024).default(""),
  notifyWorkspace: z.boolean().default(false),
});
export type OptOutConfig = z.infer<typeof optOutConfig>;

export const optOutHandles = (): HandleSpec[] => [{ id: "next", required: false }];

/** Node-level rules (config completeness, templates, limits). Graph-wide rules live in ../validate.ts. */
export function validateOptOut(_node: FlowNodeOf<"opt-out">, _ctx: NodeCheckContext): Finding[] {
  return [];
}
