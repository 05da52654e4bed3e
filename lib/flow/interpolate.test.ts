import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPath, findExpressions, lookupPath, render, stringifyValue } from "./interpolate";

const scope = {
  event: {
    order: { id: "A-17", total: 42.5, paid: true, items: [{ sku: "SKU-1" }] },
    tracking_url: "https://t.co/x",
  },
  contact: { name: "Sara", attributes: { tier: "gold" } },
  reply: { text: "yes please" },
};

describe("findExpressions", () => {
  it("finds each expression with its root, path segments and offsets", () => {
    const text = "Hi {{ contact.name }}, order {{event.order.id}}!";
    const found = findExpressions(text);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ root: "contact", segments: ["name"], path: "contact.name" });
    expect(found[1]).toMatchObject({ root: "event", segments: ["order", "id"], raw: "{{event.order.id}}" });
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.raw);
    expect(found.every((e) => e.problem === undefined)).toBe(true);
  });

  it("reports an unclosed expression up to the end of the text", () => {
    expect(findExpressions("Hi {{contact.name")).toEqual([
      { raw: "{{contact.name", start: 3, end: 17, path: "", root: "", segments: [], problem: "unclosed" },
    ]);
  });

  it("reports an unclosed expression and still reads the well-formed one after it", () => {
    const found = findExpressions("{{contact.name and {{event.id}}");
    expect(found.map((e) => e.problem)).toEqual(["unclosed", undefined]);
    expect(found[1]?.path).toBe("event.id");
  });

  it("reports empty expressions and expressions with characters a path cannot hold", () => {
    expect(findExpressions("{{ }} {{}}").map((e) => e.problem)).toEqual(["empty", "empty"]);
    expect(
      findExpressions("{{contact name}} {{event.}} {{event..id}} {{ {x} }}").map((e) => e.problem),
    ).toEqual(["invalid", "invalid", "invalid", "invalid"]);
  });

  it("reports a root other than event, contact and reply", () => {
    expect(findExpressions("{{user.name}}")[0]).toMatchObject({ root: "user", problem: "unknown_root" });
  });

  it("ignores single braces and stray closing braces", () => {
    expect(findExpressions("a {b} c }} d")).toEqual([]);
  });
});

describe("checkPath", () => {
  it("accepts dotted paths with a known root and array indexes", () => {
    expect(checkPath("event.items.0.sku")).toBeUndefined();
    expect(checkPath(" reply.text ")).toBeUndefined();
  });

  it("tells a missing, malformed or unknown-rooted path apart", () => {
    expect(checkPath("  ")).toBe("missing");
    expect(checkPath("{{event.at}}")).toBe("invalid");
    expect(checkPath("order.id")).toBe("unknown_root");
    expect(checkPath("reply.text", ["event", "contact"])).toBe("unknown_root");
  });
});

describe("lookupPath", () => {
  it("reads nested values and array items", () => {
    expect(lookupPath(scope, "event.order.id")).toBe("A-17");
    expect(lookupPath(scope, "event.order.items.0.sku")).toBe("SKU-1");
    expect(lookupPath(scope, ["contact", "attributes", "tier"])).toBe("gold");
  });

  it("finds nothing past a missing or primitive value, and never reads inherited properties", () => {
    expect(lookupPath(scope, "event.order.missing.deeper")).toBeUndefined();
    expect(lookupPath(scope, "contact.name.length")).toBeUndefined();
    expect(lookupPath(scope, "event.constructor")).toBeUndefined();
    expect(lookupPath(scope, "contact.__proto__")).toBeUndefined();
    expect(lookupPath({}, "reply.text")).toBeUndefined();
  });
});

describe("render", () => {
  it("fills strings as they are, numbers and booleans as text, objects as JSON", () => {
    const result = render(
      "{{contact.name}} paid {{event.order.total}} ({{event.order.paid}}) for {{event.order.items}}",
      scope,
    );
    expect(result).toEqual({ text: 'Sara paid 42.5 (true) for [{"sku":"SKU-1"}]', missing: [] });
  });

  it("lists each missing value once and renders it empty", () => {
    const result = render("{{event.coupon}} / {{contact.email}} / {{event.coupon}}", {
      ...scope,
      contact: { email: null },
    });
    expect(result).toEqual({ text: " /  / ", missing: ["event.coupon", "contact.email"] });
  });

  it("leaves malformed expressions as written", () => {
    expect(render("Hi {{user.name}} and {{contact.name", scope)).toEqual({
      text: "Hi {{user.name}} and {{contact.name",
      missing: [],
    });
  });

  it("returns text without expressions unchanged, whatever it contains", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes("{{")),
        (text) => {
          expect(render(text, scope)).toEqual({ text, missing: [] });
        },
      ),
    );
  });

  it("finds expressions that lie inside the text, in order and without overlapping", () => {
    const piece = fc.constantFrom("{{", "}}", "event", ".", "contact.name", " ", "x", "{", "}", "reply.text");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join("");
        let last = 0;
        for (const e of findExpressions(text)) {
          expect(e.start).toBeGreaterThanOrEqual(last);
          expect(e.end).toBeGreaterThan(e.start);
          expect(text.slice(e.start, e.end)).toBe(e.raw);
          last = e.end;
        }
        expect(() => render(text, scope)).not.toThrow();
      }),
    );
  });
});

describe("stringifyValue", () => {
  it("treats null and undefined as absent", () => {
    expect(stringifyValue(null)).toBeUndefined();
    expect(stringifyValue(undefined)).toBeUndefined();
    expect(stringifyValue("")).toBe("");
    expect(stringifyValue(0)).toBe("0");
  });
});
