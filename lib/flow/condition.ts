import { z } from "zod";

/** Rules over the run context, used by condition nodes and event-trigger filters. */
export const CONDITION_OPERATORS = [
  "equals",
  "not_equals",
  "contains",
  "not_contains",
  "exists",
  "not_exists",
  "gt",
  "gte",
  "lt",
  "lte",
  "regex",
  "in",
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Operators that take no right-hand value. */
export const UNARY_OPERATORS: ReadonlySet<ConditionOperator> = new Set(["exists", "not_exists"]);

export const conditionRuleSchema = z.object({
  /** A path into the run context: `event.order.total`, `contact.attributes.tier`, `reply.text`. */
  path: z.string().max(200).default(""),
  op: z.enum(CONDITION_OPERATORS).default("equals"),
  /** The literal compared against (numbers for gt/gte/lt/lte, a pattern for regex). */
  value: z.string().max(500).default(""),
  /** The list for `in`. */
  values: z.array(z.string().max(200)).max(100).default([]),
});
export type ConditionRule = z.infer<typeof conditionRuleSchema>;

export const conditionMatchSchema = z.enum(["all", "any"]).default("all");
