import {
  NUMERIC_OPERATORS,
  UNARY_OPERATORS,
  VALUE_REQUIRED_OPERATORS,
  ruleNumber,
  rulePattern,
  type ConditionRule,
} from "./condition";
import { finding, type FindingCode } from "./findings";
import { checkPath, findExpressions, type ExpressionProblem } from "./interpolate";
import { INTERPOLATION_ROOTS, type Finding } from "./types";

/** Checks shared by several node types: `{{…}}` expressions in a text, and condition rules. */

const EXPRESSION_CODES = {
  unclosed: "expression.unclosed",
  empty: "expression.empty",
  invalid: "expression.invalid",
  unknown_root: "expression.unknown_root",
} as const satisfies Record<ExpressionProblem, FindingCode>;

const ROOT_LIST = INTERPOLATION_ROOTS.join(", ");

/** One finding per malformed expression or unknown root in `text`; `field` names where it was written. */
export function expressionFindings(text: string, nodeId: string, field: string): Finding[] {
  if (!text.includes("{{")) return [];
  const out: Finding[] = [];
  for (const expression of findExpressions(text)) {
    if (!expression.problem) continue;
    out.push(
      finding(
        EXPRESSION_CODES[expression.problem],
        { nodeId },
        { expression: expression.raw, root: expression.root, roots: ROOT_LIST, field },
      ),
    );
  }
  return out;
}

/**
 * Findings for the rules of a condition node or an event-trigger filter. `rule` in params is 1-based, as
 * the side panel numbers them; `roots` are the roots available where the rules run.
 */
export function ruleFindings(
  rules: readonly ConditionRule[],
  nodeId: string,
  roots: readonly string[] = INTERPOLATION_ROOTS,
): Finding[] {
  const out: Finding[] = [];
  rules.forEach((rule, i) => {
    const at = { nodeId };
    const number = i + 1;
    const path = rule.path.trim();
    const pathProblem = checkPath(path, roots);
    if (pathProblem === "missing") out.push(finding("rule.path_missing", at, { rule: number }));
    else if (pathProblem === "invalid") out.push(finding("rule.path_invalid", at, { rule: number, path }));
    else if (pathProblem === "unknown_root") {
      const root = path.split(".", 1)[0] ?? "";
      out.push(finding("rule.unknown_root", at, { rule: number, root, roots: roots.join(", ") }));
    }

    if (UNARY_OPERATORS.has(rule.op)) return;
    if (rule.op === "in") {
      if (!rule.values.some((v) => v.trim() !== ""))
        out.push(finding("rule.values_missing", at, { rule: number }));
      return;
    }
    if (NUMERIC_OPERATORS.has(rule.op)) {
      if (ruleNumber(rule.value) === undefined) {
        out.push(finding("rule.number_expected", at, { rule: number, value: rule.value }));
      }
      return;
    }
    if (VALUE_REQUIRED_OPERATORS.has(rule.op) && rule.value === "") {
      out.push(finding("rule.value_missing", at, { rule: number }));
      return;
    }
    if (rule.op === "regex" && !rulePattern(rule.value)) {
      out.push(finding("rule.regex_invalid", at, { rule: number, pattern: rule.value }));
    }
  });
  return out;
}
