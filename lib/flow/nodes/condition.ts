import { z } from "zod";
import { ruleFindings } from "../checks";
import { conditionMatchSchema, conditionRuleSchema } from "../condition";
import { evaluateRules } from "../engine-rules";
import type { NodeStep } from "../engine-types";
import { finding } from "../findings";
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
export function validateCondition(node: FlowNodeOf<"condition">, _ctx: NodeCheckContext): Finding[] {
  if (node.config.rules.length === 0) return [finding("condition.rules_missing", { nodeId: node.id })];
  return ruleFindings(node.config.rules, node.id);
}

/** Leaves through `true` or `false` at once; how each operator reads the context is in ../engine-rules.ts. */
export const conditionStep: NodeStep<"condition"> = {
  enter: (node, ctx) => ({
    type: "continue",
    handle: evaluateRules(node.config.rules, node.config.match, ctx.scope) ? "true" : "false",
  }),
};
