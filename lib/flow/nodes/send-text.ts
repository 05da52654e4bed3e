import { z } from "zod";
import { expressionFindings } from "../checks";
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
