import { describe, expect, it } from "vitest";
import { around, check, codes, edge, flow, keywordTrigger, node } from "../testing";
import type { ReplyBranch, WaitForReplyConfig } from "./wait-for-reply";

const button = (id: string, text: string): ReplyBranch => ({
  id,
  kind: "button",
  label: "",
  button: text,
  keywords: [],
});
const keywords = (id: string, ...words: string[]): ReplyBranch => ({
  id,
  kind: "keywords",
  label: "",
  button: "",
  keywords: words,
});
const anyText = (id: string): ReplyBranch => ({ id, kind: "any_text", label: "", button: "", keywords: [] });

function waitCodes(config: Partial<WaitForReplyConfig>) {
  return codes(
    check(around(node("wait-for-reply", "wait", config))).filter(
      (f) => f.nodeId === "wait" && f.code !== "wait.branches_unconnected",
    ),
  );
}

/** keyword trigger → order_shipped template → wait (buttons "Track order", "Talk to us"). */
function afterTemplate(branches: ReplyBranch[], variables: Record<string, string> = {}) {
  return flow(
    [
      keywordTrigger(),
      node("template-send", "send", {
        templateName: "order_shipped",
        language: "en_US",
        variables: { "body.1": "a", "body.2": "b", ...variables },
      }),
      node("wait-for-reply", "wait", { branches }),
    ],
    [edge("start", "next", "send"), edge("send", "sent", "wait")],
  );
}

describe("wait-for-reply rules", () => {
  it("needs at least one reply branch", () => {
    expect(waitCodes({ branches: [] })).toEqual(["wait.branches_missing"]);
    expect(waitCodes({ branches: [anyText("any")] })).toEqual([]);
  });

  it("refuses a timeout beyond 23 h 30 min, which would leave no time inside the 24-hour window", () => {
    const findings = check(
      around(
        node("wait-for-reply", "wait", {
          branches: [anyText("a")],
          timeout: { amount: 1411, unit: "minutes" },
        }),
      ),
    );
    expect(findings.find((f) => f.code === "wait.timeout_too_long")?.params).toEqual({
      hours: 23,
      minutes: 31,
    });
    expect(waitCodes({ branches: [anyText("a")], timeout: { amount: 1410, unit: "minutes" } })).toEqual([]);
    expect(waitCodes({ branches: [anyText("a")], timeout: { amount: 24, unit: "hours" } })).toEqual([
      "wait.timeout_too_long",
    ]);
  });

  it("needs distinct branch ids, and none called timeout", () => {
    expect(waitCodes({ branches: [anyText("a"), keywords("a", "yes")] })).toEqual([
      "wait.branch_id_duplicate",
    ]);
    expect(waitCodes({ branches: [keywords("timeout", "yes")] })).toEqual(["wait.branch_id_reserved"]);
    expect(waitCodes({ branches: [anyText("a"), keywords("b", "yes")] })).toEqual([]);
  });

  it("needs the button a button branch answers to, and no button in two branches", () => {
    expect(waitCodes({ branches: [button("a", " ")] })).toEqual(["wait.button_missing"]);
    expect(waitCodes({ branches: [button("a", "Yes"), button("b", "yes ")] })).toEqual([
      "wait.button_duplicate",
    ]);
    expect(waitCodes({ branches: [button("a", "Yes"), button("b", "No")] })).toEqual([]);
  });

  it("needs at least one keyword in a keyword branch", () => {
    expect(waitCodes({ branches: [keywords("a", " ", "")] })).toEqual(["wait.keywords_missing"]);
    expect(waitCodes({ branches: [keywords("a", "yes")] })).toEqual([]);
  });

  it("refuses a keyword in two branches, ignoring case and Arabic diacritics", () => {
    expect(waitCodes({ branches: [keywords("a", "YES", "ok"), keywords("b", "yes")] })).toEqual([
      "wait.keyword_duplicate",
    ]);
    expect(waitCodes({ branches: [keywords("a", "نَعَم"), keywords("b", "نعم")] })).toEqual([
      "wait.keyword_duplicate",
    ]);
    expect(waitCodes({ branches: [keywords("a", "yes", "YES"), keywords("b", "no")] })).toEqual([]);
  });

  it("allows one any-text branch at most", () => {
    expect(waitCodes({ branches: [anyText("a"), anyText("b")] })).toEqual(["wait.any_text_duplicate"]);
  });

  it("warns when a button is not one of the quick replies of the template sent before", () => {
    const findings = check(afterTemplate([button("a", "Track order"), button("b", "Cancel order")]));
    const warning = findings.find((f) => f.code === "wait.button_not_in_template");
    expect(warning).toMatchObject({
      nodeId: "wait",
      severity: "warning",
      params: { button: "Cancel order", template: "order_shipped", buttons: "Track order, Talk to us" },
    });
    expect(
      codes(check(afterTemplate([button("a", "track ORDER"), button("b", "Talk to us")]))),
    ).not.toContain("wait.button_not_in_template");
  });

  it("accepts a button named by the payload mapped for it", () => {
    const doc = afterTemplate([button("a", "track")], { "payload.0": "track" });
    expect(codes(check(doc))).not.toContain("wait.button_not_in_template");
  });

  it("accepts any button when the template sent before has no quick replies", () => {
    const doc = flow(
      [
        keywordTrigger(),
        node("template-send", "send", {
          templateName: "old_promo",
          language: "en_US",
          variables: { "body.1": "x" },
        }),
        node("wait-for-reply", "wait", { branches: [button("a", "Whatever")] }),
      ],
      [edge("start", "next", "send"), edge("send", "sent", "wait")],
    );
    expect(codes(check(doc))).not.toContain("wait.button_not_in_template");
  });

  it("looks back past other steps to the nearest template on every path", () => {
    const doc = flow(
      [
        keywordTrigger(),
        node("template-send", "send", {
          templateName: "appointment_reminder",
          language: "en_US",
          variables: { "body.1": "a", "body.2": "b" },
        }),
        node("delay", "pause"),
        node("wait-for-reply", "wait", { branches: [button("a", "Confirm"), button("b", "Track order")] }),
      ],
      [edge("start", "next", "send"), edge("send", "sent", "pause"), edge("pause", "next", "wait")],
    );
    const warnings = check(doc).filter((f) => f.code === "wait.button_not_in_template");
    expect(warnings.map((w) => w.params?.button)).toEqual(["Track order"]);
  });
});
