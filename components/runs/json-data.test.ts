import { describe, expect, it } from "vitest";
import { jsonObjectText, parseJsonObject } from "./json-data";

describe("parseJsonObject", () => {
  it("reads an object, and an empty field as no data", () => {
    expect(parseJsonObject('{"order_id": "#1042"}')).toEqual({ order_id: "#1042" });
    expect(parseJsonObject("  ")).toEqual({});
  });

  it("refuses what is not an object", () => {
    expect(parseJsonObject("[1, 2]")).toBeNull();
    expect(parseJsonObject("42")).toBeNull();
    expect(parseJsonObject("null")).toBeNull();
    expect(parseJsonObject("{order_id: 1}")).toBeNull();
  });

  it("says which message to show for text that is not an object", () => {
    const result = jsonObjectText.safeParse("{");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("dataNotJson");
  });
});
