import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("follows same-site paths", () => {
    expect(safeCallbackUrl("/w/acme/flows")).toBe("/w/acme/flows");
    expect(safeCallbackUrl(["/invite/abc", "/x"])).toBe("/invite/abc");
  });

  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", ""])(
    "refuses %j and falls back",
    (value) => {
      expect(safeCallbackUrl(value, "/home")).toBe("/home");
    },
  );
});
