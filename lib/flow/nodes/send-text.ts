import { z } from "zod";
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
export function validateSendText(_node: FlowNodeOf<"send-text">, _ctx: NodeCheckContext): Finding[] {
  return [];
}
