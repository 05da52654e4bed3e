import { describe, expect, it } from "vitest";
import { around, check, codes, node } from "../testing";

function sendTextFindings(text: string) {
  return check(around(node("send-text", "say", { text }))).filter((f) => f.nodeId === "say");
}

describe("send-text rules", () => {
  it("needs a message that is not only spaces", () => {
    expect(codes(sendTextFindings("  \n "))).toEqual(["send_text.empty"]);
    expect(codes(sendTextFindings("Hello"))).toEqual([]);
  });

  it("allows 4096 characters after trimming, not more", () => {
    expect(codes(sendTextFindings(`  ${"a".repeat(4096)}  `))).toEqual([]);
    const findings = sendTextFindings("a".repeat(4097));
    expect(codes(findings)).toEqual(["send_text.too_long"]);
    expect(findings[0]?.params).toEqual({ length: 4097, max: 4096 });
  });

  it("reports each malformed expression and unknown root in the text", () => {
    const findings = sendTextFindings("Hi {{contact.name}}, {{user.name}} {{ }} {{event..x}} {{event.id");
    expect(codes(findings)).toEqual([
      "expression.unknown_root",
      "expression.empty",
      "expression.invalid",
      "expression.unclosed",
    ]);
    expect(findings[0]?.params).toMatchObject({ expression: "{{user.name}}", root: "user", field: "text" });
  });
});
