import { z } from "zod";
import { expressionFindings } from "../checks";
import { outsideWindow, renderMessage, sendOutcome } from "../engine-content";
import type { NodeStep, StepResult } from "../engine-types";
import { finding } from "../findings";
import type { FlowNodeOf } from "../schema";
import type { Finding, HandleSpec, NodeCheckContext } from "../types";

/** Free-form text: only allowed inside the 24-hour customer-service window (validator and runtime check). */
export const SEND_TEXT_MAX = 4096;

export const sendTextConfig = z.object({
  text: z
    .string()
    .max(SEND_TEXT_MAX * 2)
    .default(""),
});
export type SendTextConfig = z.infer<typeof sendTextConfig>;

export const sendTextHandles = (): HandleSpec[] => [
  { id: "sent", required: false },
  { id: "failed", required: false },
];

/** Node-level rules (config completeness, templates, limits). Graph-wide rules live in ../validate.ts. */
export function validateSendText(node: FlowNodeOf<"send-text">, _ctx: NodeCheckContext): Finding[] {
  const text = node.config.text.trim();
  const at = { nodeId: node.id };
  if (text === "") return [finding("send_text.empty", at)];
  const out = expressionFindings(text, node.id, "text");
  // Meta counts the body as sent; the length after filling {{…}} is checked again at run time.
  if (text.length > SEND_TEXT_MAX) {
    out.push(finding("send_text.too_long", at, { length: text.length, max: SEND_TEXT_MAX }));
  }
  return out;
}

/**
 * Sends the filled text. Outside the 24-hour window (known from the contact's last message or the run's
 * last reply) it leaves through `failed` without sending: Meta would refuse it with 131047.
 */
export const sendTextStep: NodeStep<"send-text"> = {
  enter(node, ctx): StepResult {
    const closed = outsideWindow(ctx);
    if (closed) return { type: "continue", handle: "failed", failure: closed };
    const message = renderMessage(node.config.text, ctx.scope, "text");
    if (!message.ok) return { type: "fail", failure: message.failure };
    return {
      type: "effect",
      effect: {
        type: "send",
        content: { type: "text", body: message.text },
        marketing: false,
        purpose: "message",
      },
    };
  },
  resume: (_node, input) => sendOutcome(input),
};
