import { describe, expect, it } from "vitest";
import type { ConditionOperator, ConditionRule } from "./condition";
import { contextNumber, evaluateRule, evaluateRules } from "./engine-rules";
import type { RunScope } from "./engine-types";
import { triggerAccepts } from "./nodes/trigger";
import { triggerConfig } from "./nodes/trigger";

/** Condition rules over a run's scope, operator by operator. */

const scope: RunScope = {
  event: {
    total: 150,
    totalText: "150.50",
    arabicTotal: "١٥٠٫٥",
    persianQty: "۱۲",
    status: "Shipped",
    city: "دُبَيّ",
    note: "",
    nothing: null,
    tags: ["VIP", "early-bird", 3],
    flag: true,
    order: { id: "A-1042", items: [{ sku: "shoe-42" }] },
    long: "a".repeat(20_000) + "needle",
  },
  contact: { phone: "+971501234567", name: "Sara", attributes: { tier: "Gold" } },
  reply: { text: "نعم، أكّد", buttonId: null, type: "text", at: 0 },
};

const rule = (path: string, op: ConditionOperator, value = "", values: string[] = []): ConditionRule => ({
  path,
  op,
  value,
  values,
});
const holds = (path: string, op: ConditionOperator, value = "", values: string[] = []) =>
  evaluateRule(rule(path, op, value, values), scope);

describe("exists / not_exists", () => {
  it("treats a value as present unless it is undefined or null: exactly when {{path}} renders", () => {
    expect(holds("event.total", "exists")).toBe(true);
    expect(holds("event.note", "exists")).toBe(true);
    expect(holds("event.flag", "exists")).toBe(true);
    expect(holds("event.nothing", "exists")).toBe(false);
    expect(holds("event.absent", "exists")).toBe(false);
    expect(holds("event.order.items.0.sku", "exists")).toBe(true);
    expect(holds("reply.text", "exists")).toBe(true);
    expect(holds("event.nothing", "not_exists")).toBe(true);
    expect(holds("event.absent.deeper", "not_exists")).toBe(true);
    expect(holds("contact.name", "not_exists")).toBe(false);
  });

  it("does not read inherited properties", () => {
    expect(holds("event.constructor", "exists")).toBe(false);
    expect(holds("contact.__proto__", "exists")).toBe(false);
  });
});

describe("equals / not_equals", () => {
  it("compares text ignoring case, diacritics and surrounding spaces", () => {
    expect(holds("event.status", "equals", "shipped")).toBe(true);
    expect(holds("event.status", "equals", " SHIPPED ")).toBe(true);
    expect(holds("event.city", "equals", "دبي")).toBe(true);
    expect(holds("event.status", "equals", "ship")).toBe(false);
    expect(holds("event.status", "not_equals", "delivered")).toBe(true);
    expect(holds("event.status", "not_equals", "Shipped")).toBe(false);
  });

  it("compares a JSON number as a number, and anything else as text", () => {
    expect(holds("event.total", "equals", "150")).toBe(true);
    expect(holds("event.total", "equals", "150.0")).toBe(true);
    expect(holds("event.total", "equals", "abc")).toBe(false);
    expect(holds("event.totalText", "equals", "150.5")).toBe(false);
    expect(holds("event.flag", "equals", "TRUE")).toBe(true);
    expect(holds("event.note", "equals", "")).toBe(true);
  });

  it("finds a missing value equal to nothing, and so not_equals to everything", () => {
    expect(holds("event.absent", "equals", "")).toBe(false);
    expect(holds("event.nothing", "equals", "null")).toBe(false);
    expect(holds("event.absent", "not_equals", "x")).toBe(true);
  });
});

describe("contains / not_contains", () => {
  it("finds text inside text, ignoring case and Arabic diacritics", () => {
    expect(holds("event.order.id", "contains", "a-10")).toBe(true);
    expect(holds("reply.text", "contains", "اكد")).toBe(true);
    expect(holds("reply.text", "contains", "لا")).toBe(false);
    expect(holds("reply.text", "not_contains", "لا")).toBe(true);
  });

  it("finds an item in a list", () => {
    expect(holds("event.tags", "contains", "vip")).toBe(true);
    expect(holds("event.tags", "contains", "3")).toBe(true);
    expect(holds("event.tags", "contains", "early")).toBe(false);
    expect(holds("event.tags", "not_contains", "gold")).toBe(true);
  });

  it("finds nothing in a missing value", () => {
    expect(holds("event.absent", "contains", "x")).toBe(false);
    expect(holds("event.absent", "not_contains", "x")).toBe(true);
  });
});

describe("gt / gte / lt / lte", () => {
  it("compares numbers, also read from strings", () => {
    expect(holds("event.total", "gt", "100")).toBe(true);
    expect(holds("event.total", "gt", "150")).toBe(false);
    expect(holds("event.total", "gte", "150")).toBe(true);
    expect(holds("event.totalText", "lt", "151")).toBe(true);
    expect(holds("event.totalText", "lte", "150.5")).toBe(true);
    expect(holds("event.totalText", "lte", "150.49")).toBe(false);
    expect(holds("event.total", "lt", "-1")).toBe(false);
  });

  it("reads Arabic-Indic and Extended Arabic-Indic digits and the Arabic decimal separator", () => {
    expect(holds("event.arabicTotal", "equals", "١٥٠٫٥")).toBe(true);
    expect(holds("event.arabicTotal", "gte", "150.5")).toBe(true);
    expect(holds("event.arabicTotal", "gt", "150.5")).toBe(false);
    expect(holds("event.persianQty", "lt", "13")).toBe(true);
  });

  it("is false when either side is not a number", () => {
    expect(holds("event.status", "gt", "0")).toBe(false);
    expect(holds("event.note", "lt", "1")).toBe(false);
    expect(holds("event.absent", "lte", "1")).toBe(false);
    expect(holds("event.flag", "gte", "0")).toBe(false);
    expect(holds("event.total", "gt", "lots")).toBe(false);
    expect(holds("event.total", "gt", "")).toBe(false);
  });

  it("reads context numbers the way it documents", () => {
    expect(contextNumber(12)).toBe(12);
    expect(contextNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(contextNumber(" 7.5 ")).toBe(7.5);
    expect(contextNumber("١٢٣")).toBe(123);
    expect(contextNumber("۴۵")).toBe(45);
    expect(contextNumber("1,5")).toBeUndefined();
    expect(contextNumber("")).toBeUndefined();
    expect(contextNumber(true)).toBeUndefined();
    expect(contextNumber(null)).toBeUndefined();
  });
});

describe("regex", () => {
  it("tests the value as text, in Unicode mode", () => {
    expect(holds("event.order.id", "regex", "^A-\\d+$")).toBe(true);
    expect(holds("event.order.id", "regex", "^a-")).toBe(false);
    expect(holds("reply.text", "regex", "^\\p{Script=Arabic}")).toBe(true);
    expect(holds("event.total", "regex", "^15\\d$")).toBe(true);
    expect(holds("event.tags", "regex", '"VIP"')).toBe(true);
  });

  it("is false, never a throw, on an invalid pattern or a missing value", () => {
    expect(holds("event.status", "regex", "(unclosed")).toBe(false);
    expect(holds("event.status", "regex", "\\p{Nope}")).toBe(false);
    expect(holds("event.absent", "regex", ".*")).toBe(false);
  });

  it("tests only the first 10,000 characters of a huge value", () => {
    expect(holds("event.long", "regex", "needle")).toBe(false);
    expect(holds("event.long", "regex", "^a+")).toBe(true);
  });
});

describe("in", () => {
  it("finds the value in the rule's list, ignoring case, diacritics and blank entries", () => {
    expect(holds("contact.attributes.tier", "in", "", ["silver", "gold"])).toBe(true);
    expect(holds("event.city", "in", "", ["أبوظبي", "دبي"])).toBe(true);
    expect(holds("event.total", "in", "", ["150"])).toBe(true);
    expect(holds("contact.attributes.tier", "in", "", ["silver", " "])).toBe(false);
    expect(holds("event.note", "in", "", ["", "  "])).toBe(false);
  });

  it("finds one item of a list value in the rule's list", () => {
    expect(holds("event.tags", "in", "", ["early-bird"])).toBe(true);
    expect(holds("event.tags", "in", "", ["regular"])).toBe(false);
  });

  it("is false for a missing value", () => {
    expect(holds("event.absent", "in", "", ["x"])).toBe(false);
    expect(holds("event.nothing", "in", "", ["null"])).toBe(false);
  });
});

describe("joining rules", () => {
  const yes = rule("event.total", "gt", "100");
  const no = rule("event.total", "lt", "100");

  it("needs every rule for all, one for any", () => {
    expect(evaluateRules([yes, yes], "all", scope)).toBe(true);
    expect(evaluateRules([yes, no], "all", scope)).toBe(false);
    expect(evaluateRules([no, yes], "any", scope)).toBe(true);
    expect(evaluateRules([no, no], "any", scope)).toBe(false);
  });

  it("holds for all with no rules and fails for any with none", () => {
    expect(evaluateRules([], "all", scope)).toBe(true);
    expect(evaluateRules([], "any", scope)).toBe(false);
  });

  it("reads a path written with surrounding spaces", () => {
    expect(evaluateRule(rule("  contact.name ", "equals", "sara"), scope)).toBe(true);
  });
});

describe("trigger filters", () => {
  it("apply to event triggers only, every rule over the event and the contact", () => {
    const event = triggerConfig.parse({
      kind: "event",
      eventName: "order.paid",
      filter: [rule("event.total", "gte", "100"), rule("contact.attributes.tier", "equals", "gold")],
    });
    expect(triggerAccepts(event, scope)).toBe(true);
    expect(triggerAccepts(event, { ...scope, event: { total: 10 } })).toBe(false);
    expect(triggerAccepts(triggerConfig.parse({ kind: "event" }), scope)).toBe(true);
    const keyword = triggerConfig.parse({ kind: "keyword", filter: [rule("event.total", "lt", "0")] });
    expect(triggerAccepts(keyword, scope)).toBe(true);
  });
});
