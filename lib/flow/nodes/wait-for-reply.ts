import { z } from "zod";
import type { FlowNodeOf } from "../schema";
import type { Finding, HandleSpec, NodeCheckContext } from "../types";

/** The longest wait: 23 h 30 min keeps a follow-up inside the 24-hour customer-service window. */
export const MAX_WAIT_MINUTES = 23 * 60 + 30;

export const replyBranchSchema = z.object({
  /** Stable id, also the output handle id. */
  id: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/),
  kind: z.enum(["button", "keywords", "any_text"]).default("button"),
  label: z.string().max(60).default(""),
  /** button: the quick-reply button text (or payload) that selects this branch. */
  button: z.string().max(256).default(""),
  /** keywords: any of these (whole message, case- and diacritics-insensitive) selects this branch. */
  keywords: z.array(z.string().max(60)).max(50).default([]),
});
export type ReplyBranch = z.infer<typeof replyBranchSchema>;

/** Waits for the contact to answer; each branch is an output, plus `timeout`. */
export const waitForReplyConfig = z.object({
  timeout: z
    .object({ amount: z.number().int().min(1).max(10_000), unit: z.enum(["minutes", "hours"]) })
    .default({ amount: 23, unit: "hours" }),
  branches: z.array(replyBranchSchema).max(10).default([]),
});
export type WaitForReplyConfig = z.infer<typeof waitForReplyConfig>;

export const TIMEOUT_HANDLE = "timeout";

export const waitForReplyHandles = (config: WaitForReplyConfig): HandleSpec[] => [
  ...config.branches.map((b) => ({ id: b.id, label: b.label, required: false })),
  { id: TIMEOUT_HANDLE, required: false },
];

export function timeoutMinutes(config: WaitForReplyConfig): number {
  return config.timeout.unit === "hours" ? config.timeout.amount * 60 : config.timeout.amount;
}

/** Node-level rules (config completeness, templates, limits). Graph-wide rules live in ../validate.ts. */
export function validateWaitForReply(_node: FlowNodeOf<"wait-for-reply">, _ctx: NodeCheckContext): Finding[] {
  return [];
}
