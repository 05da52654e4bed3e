import { z } from "zod";
import { conditionMatchSchema, conditionRuleSchema } from "../condition";
import type { FlowNodeOf } from "../schema";
import type { Finding, HandleSpec, NodeCheckContext } from "../types";

/** Branches on rules over the run context, joined by all / any. */
export const conditionConfig = z.object({
  match: conditionMatchSchema,
  rules: z.array(conditionRuleSchema).max(20).default([]),
});
export type ConditionConfig = z.infer<typeof conditionConfig>;

export const conditionHandles = (): HandleSpec[] => [
  { id: "true", required: false },
  { id: "false", required: false },
];

/** Node-level rules (config completeness, templates, limits). Graph-wide rules live in ../validate.ts. */
export function validateCondition(_node: FlowNodeOf<"condition">, _ctx: NodeCheckContext): Finding[] {
  return [];
}
