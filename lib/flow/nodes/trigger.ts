import { z } from "zod";
import { ruleFindings } from "../checks";
import { conditionRuleSchema } from "../condition";
import { evaluateRules } from "../engine-rules";
import { DEFAULT_HOOK_MAPPING, hookMappingSchema } from "../../runs/hook-mapping";
import type { NodeStep, RunScope } from "../engine-types";
import { finding } from "../findings";
import { normalizeKeyword, normalizedKeywords } from "../keywords";
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
  /**
   * webhook: unused — a trigger's hook is found by (flow, node id) in flow_hooks, so a duplicated or
   * imported flow never shares another flow's address. Kept so older documents still parse.
   */
  hookId: z.string().max(64).optional(),
  /** webhook: where the body holds the contact's phone and name and the event data (lib/runs/hooks.ts). */
  mapping: hookMappingSchema.default(DEFAULT_HOOK_MAPPING),
});
export type TriggerConfig = z.infer<typeof triggerConfig>;

export const triggerHandles = (): HandleSpec[] => [{ id: "next", required: true }];

/** Event names as the REST trigger API accepts them: `order.shipped`, `invoice-due`, `signup_completed`. */
export const EVENT_NAME_PATTERN = /^[a-z0-9_.-]+$/i;

/** An event filter reads the event and the contact: no reply exists before the run starts. */
export const TRIGGER_FILTER_ROOTS = ["event", "contact"] as const;

/**
 * Node-level rules (config completeness, templates, limits). Graph-wide rules live in ../validate.ts.
 * A webhook trigger needs no check here: its mapping is validated by its schema, and its hook (address and
 * secret) is created from the trigger's panel, outside the document.
 */
export function validateTrigger(node: FlowNodeOf<"trigger">, _ctx: NodeCheckContext): Finding[] {
  const { config } = node;
  const at = { nodeId: node.id };
  switch (config.kind) {
    case "event": {
      const out: Finding[] = [];
      const name = config.eventName.trim();
      if (name === "") out.push(finding("trigger.event_name_missing", at));
      else if (!EVENT_NAME_PATTERN.test(name)) out.push(finding("trigger.event_name_invalid", at, { name }));
      out.push(...ruleFindings(config.filter, node.id, TRIGGER_FILTER_ROOTS));
      return out;
    }
    case "keyword":
      return normalizedKeywords(config.keywords).length === 0
        ? [finding("trigger.keywords_missing", at)]
        : [];
    case "webhook":
    case "manual":
      return [];
  }
}

/**
 * Whether an event may start a run of this trigger: an event trigger's filter must pass (every rule, over
 * the event and the contact). Other kinds have no filter. The shell checks it before creating a run;
 * startRun checks it again, so a run never starts on an event its flow would refuse.
 */
export function triggerAccepts(config: TriggerConfig, scope: Readonly<RunScope>): boolean {
  return config.kind !== "event" || evaluateRules(config.filter, "all", scope);
}

/** The run starts here and goes straight on. */
export const triggerStep: NodeStep<"trigger"> = {
  enter: () => ({ type: "continue", handle: "next" }),
};

/** Whether an inbound text starts a keyword trigger (its keywords, matched the way the trigger says). */
export function keywordTriggerMatches(config: TriggerConfig, text: string): boolean {
  if (config.kind !== "keyword") return false;
  const message = normalizeKeyword(text);
  if (message === "") return false;
  return normalizedKeywords(config.keywords).some((keyword) => {
    switch (config.keywordMatch) {
      case "exact":
        return message === keyword;
      case "starts_with":
        return message === keyword || message.startsWith(`${keyword} `);
      case "contains":
        return ` ${message} `.includes(` ${keyword} `);
    }
  });
}
