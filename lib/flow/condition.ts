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

/** Operators whose value must be a number. */
export const NUMERIC_OPERATORS: ReadonlySet<ConditionOperator> = new Set(["gt", "gte", "lt", "lte"]);

/** Operators for which an empty value is meaningless (always true or always false). */
export const VALUE_REQUIRED_OPERATORS: ReadonlySet<ConditionOperator> = new Set([
  "contains",
  "not_contains",
  "regex",
]);

/**
 * The number a numeric rule compares with, or undefined when its value is not one. Shared by the
 * validator and the engine so both read "1,5" or "" the same way (not a number).
 */
export function ruleNumber(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The pattern of a `regex` rule, or undefined when it does not compile. Unicode mode, so Arabic letters
 * and emoji are matched as characters; the engine uses the same function.
 */
export function rulePattern(value: string): RegExp | undefined {
  try {
    return new RegExp(value, "u");
  } catch {
    // Invalid patterns are reported by the validator (rule.regex_invalid), never thrown.
    return undefined;
  }
}
