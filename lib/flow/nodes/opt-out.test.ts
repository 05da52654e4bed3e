import { describe, expect, it } from "vitest";
import { around, check, codes, edge, node } from "../testing";

describe("opt-out rules", () => {
  it("refuses a confirmation longer than WhatsApp accepts (for documents built without the schema)", () => {
    const optOut = node("opt-out", "stop");
    if (optOut.type !== "opt-out") throw new Error("unexpected node type");
    optOut.config.confirmationText = "a".repeat(4097);
    expect(codes(check(around(optOut)).filter((f) => f.nodeId === "stop"))).toEqual([
      "opt_out.confirmation_too_long",
    ]);
    optOut.config.confirmationText = "a".repeat(1000);
    expect(codes(check(around(optOut)).filter((f) => f.nodeId === "stop"))).toEqual([]);
  });

  it("checks the expressions in the confirmation", () => {
    const doc = around(node("opt-out", "stop", { confirmationText: "Bye {{contact.name" }));
    expect(codes(check(doc).filter((f) => f.nodeId === "stop"))).toEqual(["expression.unclosed"]);
  });

  it("warns when a send follows an opt-out from all messages", () => {
    const bye = node("send-text", "bye", { text: "Sorry to see you go" });
    const all = around(node("opt-out", "stop", { scope: "all" }), [bye], [edge("stop", "next", "bye")]);
    const finding = check(all).find((f) => f.code === "opt_out.send_after_all");
    expect(finding).toMatchObject({ nodeId: "stop", severity: "warning" });
  });

  it("does not warn when only marketing is stopped, or when nothing is sent afterwards", () => {
    const bye = node("send-text", "bye", { text: "Sorry to see you go" });
    const marketing = around(
      node("opt-out", "stop", { scope: "marketing" }),
      [bye],
      [edge("stop", "next", "bye")],
    );
    expect(codes(check(marketing))).not.toContain("opt_out.send_after_all");
    const pause = node("delay", "pause");
    const nothing = around(
      node("opt-out", "stop", { scope: "all" }),
      [pause],
      [edge("stop", "next", "pause")],
    );
    expect(codes(check(nothing))).not.toContain("opt_out.send_after_all");
  });
});
