import { z } from "zod";
import { expressionFindings } from "../checks";
import { outsideWindow, renderMessage, unexpectedInput } from "../engine-content";
import type { NodeStep, StepResult } from "../engine-types";
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

/** The step key suffix of the confirmation, sent after the suppression in the same visit. */
export const CONFIRMATION_SUFFIX = "confirmation";

/**
 * Records the suppression first (the part that matters to the contact), then sends the confirmation if
 * one is written. The confirmation is free-form: outside the 24-hour window it is skipped, and a failed
 * confirmation does not undo the opt-out; either way the run goes on through `next`, with a notice.
 */
export const optOutStep: NodeStep<"opt-out"> = {
  enter: (node) => ({
    type: "effect",
    effect: { type: "suppress", scope: node.config.scope, notify: node.config.notifyWorkspace },
  }),
  resume(node, input, ctx): StepResult {
    switch (input.type) {
      case "suppressed": {
        const confirmation = node.config.confirmationText.trim();
        if (confirmation === "") return { type: "continue", handle: "next" };
        if (outsideWindow(ctx)) {
          return { type: "continue", handle: "next", notice: "confirmation_outside_window" };
        }
        const message = renderMessage(confirmation, ctx.scope, "confirmationText");
        if (!message.ok) return { type: "fail", failure: message.failure };
        return {
          type: "effect",
          suffix: CONFIRMATION_SUFFIX,
          effect: {
            type: "send",
            content: { type: "text", body: message.text },
            marketing: false,
            purpose: "opt_out_confirmation",
          },
        };
      }
      case "sent":
        return { type: "continue", handle: "next" };
      case "send_failed":
        return { type: "continue", handle: "next", notice: "confirmation_failed" };
      default:
        return unexpectedInput(input);
    }
  },
};
