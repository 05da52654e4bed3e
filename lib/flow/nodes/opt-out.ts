import { z } from "zod";
import { expressionFindings } from "../checks";
import { finding } from "../findings";
import type { FlowNodeOf } from "../schema";
import { SEND_TEXT_MAX } from "./send-text";
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
export function validateOptOut(node: FlowNodeOf<"opt-out">, ctx: NodeCheckContext): Finding[] {
  const { config } = node;
  const at = { nodeId: node.id };
  const text = config.confirmationText.trim();
  const out = expressionFindings(text, node.id, "confirmationText");
  // The schema caps the text lower; this guards documents built in code, which skip the schema.
  if (text.length > SEND_TEXT_MAX) {
    out.push(finding("opt_out.confirmation_too_long", at, { length: text.length, max: SEND_TEXT_MAX }));
  }
  // After opting out of everything, any further send is suppressed at run time: the steps are dead weight.
  if (config.scope === "all" && ctx.graph?.reachesSend(node.id))
    out.push(finding("opt_out.send_after_all", at));
  return out;
}
