import { describe, expect, it } from "vitest";
import { formatJsonPath, parseJsonPath, readJsonPath } from "./json-path";

const segments = (path: string) => {
  const parsed = parseJsonPath(path);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.segments;
};

describe("parseJsonPath", () => {
  it("reads dotted keys with or without the $. prefix, and [n] indices", () => {
    expect(segments("phone")).toEqual(["phone"]);
    expect(segments("$.customer.phone")).toEqual(["customer", "phone"]);
    expect(segments("items[0].sku")).toEqual(["items", 0, "sku"]);
    expect(segments("$[2].id")).toEqual([2, "id"]);
    expect(segments("matrix[1][0]")).toEqual(["matrix", 1, 0]);
    expect(segments("  order_id  ")).toEqual(["order_id"]);
    expect(segments("billing-address.zip")).toEqual(["billing-address", "zip"]);
  });

  it("treats $ and an empty path as the whole body", () => {
    expect(segments("$")).toEqual([]);
    expect(segments("")).toEqual([]);
  });

  it("names what is wrong with a path and where", () => {
    const cases: [string, string, string][] = [
      ["a..b", "empty_segment", "empty key"],
      [".a", "empty_segment", "empty key"],
      ["$..a", "empty_segment", "empty key"],
      ["customer.", "trailing_dot", "ends with a dot"],
      ["items[0", "unclosed_bracket", "without its closing ]"],
      ["items[x]", "bad_index", "whole number"],
      ["items[-1]", "bad_index", "whole number"],
      ["items[0]sku", "unexpected_character", "unexpected character"],
      ["first name", "unexpected_character", "unexpected character"],
      ["a]", "unexpected_character", "unexpected character"],
      ["x".repeat(201), "too_long", "longer than 200"],
    ];
    for (const [path, problem, words] of cases) {
      const parsed = parseJsonPath(path);
      expect(parsed.ok, path).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.problem, path).toBe(problem);
      expect(parsed.message).toContain(words);
      expect(parsed.message).toContain(`"${path.trim()}"`);
    }
  });
});

describe("readJsonPath", () => {
  const body = { customer: { phone: "+966501234567", tags: ["vip"] }, items: [{ sku: "A-1" }], zero: 0 };

  it("finds values through objects and arrays, including falsy ones", () => {
    expect(readJsonPath(body, segments("customer.phone"))).toEqual({ found: true, value: "+966501234567" });
    expect(readJsonPath(body, segments("items[0].sku"))).toEqual({ found: true, value: "A-1" });
    expect(readJsonPath(body, segments("zero"))).toEqual({ found: true, value: 0 });
    expect(readJsonPath(body, [])).toEqual({ found: true, value: body });
  });

  it("says how far a missing path got", () => {
    expect(readJsonPath(body, segments("customer.email"))).toEqual({ found: false, at: "customer" });
    expect(readJsonPath(body, segments("items[3].sku"))).toEqual({ found: false, at: "items" });
    expect(readJsonPath(body, segments("customer[0]"))).toEqual({ found: false, at: "customer" });
    expect(readJsonPath(body, segments("nothing.here"))).toEqual({ found: false, at: "" });
  });

  it("does not read inherited properties", () => {
    expect(readJsonPath({}, segments("constructor")).found).toBe(false);
    expect(readJsonPath({ a: {} }, segments("a.__proto__")).found).toBe(false);
  });

  it("writes paths back without the prefix", () => {
    expect(formatJsonPath(["items", 0, "sku"])).toBe("items[0].sku");
    expect(formatJsonPath([1, "id"])).toBe("[1].id");
  });
});
