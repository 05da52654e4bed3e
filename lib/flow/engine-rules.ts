import { ruleNumber, rulePattern, type ConditionRule } from "./condition";
import { lookupPath, stringifyValue, type InterpolationScope } from "./interpolate";
import { normalizeKeyword } from "./keywords";

/**
 * How condition rules (condition nodes, event-trigger filters) read the run context at run time. Texts
 * compare the way keywords do (normalizeKeyword: case, diacritics, tatweel and spacing do not matter), so
 * `reply.text equals نعم` also matches "نَعَم" and "Gold" equals "gold". Never throws.
 *
 * - exists: the value is present (not undefined or null), i.e. exactly when `{{path}}` renders without
 *   failing the run; an empty string exists.
 * - equals: a JSON number compares as a number (`10` equals "10.0"); anything else as text.
 * - contains: text containment; on a list, one of its items equals the value.
 * - gt / gte / lt / lte: numbers, also from strings ("120", "١٢٠" with Arabic-Indic digits); a value that
 *   is not a number makes the rule false.
 * - regex: Unicode mode, tested against the value as text; an invalid pattern makes the rule false.
 * - in: the value (or one item of a list) equals one of the rule's values.
 * - not_*: the negation, so a missing value is "not equal" and "does not contain".
 * Zero rules: "all" is true, "any" is false (the validator refuses a condition without rules).
 */
export function evaluateRules(
  rules: readonly ConditionRule[],
  match: "all" | "any",
  scope: InterpolationScope,
): boolean {
  return match === "all"
    ? rules.every((rule) => evaluateRule(rule, scope))
    : rules.some((rule) => evaluateRule(rule, scope));
}

/** Regex rules test at most this many characters: bounds the cost of a pattern over a huge payload. */
export const REGEX_INPUT_MAX = 10_000;

export function evaluateRule(rule: ConditionRule, scope: InterpolationScope): boolean {
  const value = lookupPath(scope, rule.path.trim());
  switch (rule.op) {
    case "exists":
      return value !== undefined && value !== null;
    case "not_exists":
      return value === undefined || value === null;
    case "equals":
      return equalsValue(value, rule.value);
    case "not_equals":
      return !equalsValue(value, rule.value);
    case "contains":
      return containsValue(value, rule.value);
    case "not_contains":
      return !containsValue(value, rule.value);
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return compareNumbers(rule.op, contextNumber(value), ruleNumber(rule.value));
    case "regex": {
      const pattern = rulePattern(rule.value);
      const text = stringifyValue(value);
      return pattern !== undefined && text !== undefined && pattern.test(text.slice(0, REGEX_INPUT_MAX));
    }
    case "in": {
      const list = new Set(rule.values.map(normalizeKeyword).filter((v) => v !== ""));
      return itemsOf(value).some((item) => {
        const text = stringifyValue(item);
        return text !== undefined && list.has(normalizeKeyword(text));
      });
    }
  }
}

function equalsValue(value: unknown, expected: string): boolean {
  if (typeof value === "number") return value === ruleNumber(expected);
  const text = stringifyValue(value);
  return text !== undefined && normalizeKeyword(text) === normalizeKeyword(expected);
}

function containsValue(value: unknown, needle: string): boolean {
  if (Array.isArray(value)) return value.some((item) => equalsValue(item, needle));
  const text = stringifyValue(value);
  return text !== undefined && normalizeKeyword(text).includes(normalizeKeyword(needle));
}

function itemsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function compareNumbers(
  op: "gt" | "gte" | "lt" | "lte",
  a: number | undefined,
  b: number | undefined,
): boolean {
  if (a === undefined || b === undefined) return false;
  switch (op) {
    case "gt":
      return a > b;
    case "gte":
      return a >= b;
    case "lt":
      return a < b;
    case "lte":
      return a <= b;
  }
}

/** Arabic-Indic (٠–٩) and Extended Arabic-Indic (۰–۹) digits, and the Arabic decimal separator. */
const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9\u066b]/g;

/**
 * A context value as a number: finite JSON numbers, and strings that read as one once Arabic-Indic digits
 * are turned into ASCII ones (the same reading as ruleNumber: "1,5" and "" are not numbers).
 */
export function contextNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  return ruleNumber(
    value.replace(ARABIC_DIGITS, (ch) => {
      if (ch === "\u066b") return ".";
      const code = ch.charCodeAt(0);
      return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
    }),
  );
}
