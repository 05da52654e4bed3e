import { z } from "zod";
import { conditionRuleSchema } from "../condition";
import type { FlowNodeOf } from "../schema";
import type { Finding, HandleSpec, NodeCheckContext } from "../types";

export const TRIGGER_KINDS = ["event", "keyword", "webhook", "manual"] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** How a run starts: a business event (REST API), an inbound keyword, an integration webhook, or by hand. */
export const triggerConfig = z.object({
  kind: z.enum(TRIGGER_KINDS).default("event"),
  /** event: the event name, e.g. `order.shipped`. */
  eventName: z.string().max(100).default(""),
  /** event: only events matching every rule start a run. */
  filter: z.array(conditionRuleSchema).max(20).default([]),
  /** keyword: inbound messages that start a run. */
  keywords: z.array(z.string().max(60)).max(50).default([]),
  keywordMatch: z.enum(["exact", "starts_with", "contains"]).default("exact"),
  /** webhook: the integration hook this trigger listens on (created by the runtime). */
  hookId: z.string().max(64).optional(),
});
export type TriggerConfig = z.infer<typeof triggerConfig>;

export const triggerHandles = (): HandleSpec[] => [{ id: "next", required: true }];

/** Node-level rules (config completeness, templates, limits). Graph-wide rules live in ../validate.ts. */
export function validateTrigger(_node: FlowNodeOf<"trigger">, _ctx: NodeCheckContext): Finding[] {
  return [];
}
