import { describe, expect, it } from "vitest";
import type { ConditionRule } from "../condition";
import { around, check, codes, node } from "../testing";

const rule = (r: Partial<ConditionRule>): ConditionRule => ({
  path: "event.total",
  op: "equals",
  value: "",
  values: [],
  ...r,
});

function conditionFindings(rules: ConditionRule[]) {
  return check(around(node("condition", "if", { rules }))).filter((f) => f.nodeId === "if");
}

describe("condition rules", () => {
  it("needs at least one rule", () => {
    expect(codes(conditionFindings([]))).toEqual(["condition.rules_missing"]);
    expect(codes(conditionFindings([rule({ op: "exists" })]))).toEqual([]);
  });

  it("needs a path with a known root on every rule, numbered from 1", () => {
    const findings = conditionFindings([
      rule({ path: "" }),
      rule({ path: "order.total" }),
      rule({ path: "event total" }),
    ]);
    expect(codes(findings)).toEqual(["rule.path_missing", "rule.unknown_root", "rule.path_invalid"]);
    expect(findings[1]?.params).toMatchObject({ rule: 2, root: "order", roots: "event, contact, reply" });
    expect(codes(conditionFindings([rule({ path: "reply.text" }), rule({ path: "contact.tier" })]))).toEqual(
      [],
    );
  });

  it("needs a number for greater-than and less-than comparisons", () => {
    for (const op of ["gt", "gte", "lt", "lte"] as const) {
      expect(codes(conditionFindings([rule({ op, value: "ten" })]))).toEqual(["rule.number_expected"]);
      expect(codes(conditionFindings([rule({ op, value: "" })]))).toEqual(["rule.number_expected"]);
      expect(codes(conditionFindings([rule({ op, value: " -10.5 " })]))).toEqual([]);
    }
  });

  it("needs a regular expression that compiles", () => {
    const findings = conditionFindings([rule({ op: "regex", value: "(unclosed" })]);
    expect(codes(findings)).toEqual(["rule.regex_invalid"]);
    expect(findings[0]?.params).toEqual({ rule: 1, pattern: "(unclosed" });
    expect(codes(conditionFindings([rule({ op: "regex", value: "^(yes|نعم)$" })]))).toEqual([]);
  });

  it("needs at least one value in the list of an `in` rule", () => {
    expect(codes(conditionFindings([rule({ op: "in", values: [" "] })]))).toEqual(["rule.values_missing"]);
    expect(codes(conditionFindings([rule({ op: "in", values: ["gold"] })]))).toEqual([]);
  });

  it("needs a value to look for with contains, but accepts comparing with an empty text", () => {
    expect(codes(conditionFindings([rule({ op: "contains", value: "" })]))).toEqual(["rule.value_missing"]);
    expect(codes(conditionFindings([rule({ op: "regex", value: "" })]))).toEqual(["rule.value_missing"]);
    expect(codes(conditionFindings([rule({ op: "equals", value: "" })]))).toEqual([]);
    expect(codes(conditionFindings([rule({ op: "not_contains", value: "spam" })]))).toEqual([]);
  });
});
