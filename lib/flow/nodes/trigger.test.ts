import { describe, expect, it } from "vitest";
import { check, codes, edge, flow, node } from "../testing";

function triggerFlow(config: Parameters<typeof node<"trigger">>[2]) {
  return flow([node("trigger", "start", config), node("delay", "pause")], [edge("start", "next", "pause")]);
}

const triggerCodes = (config: Parameters<typeof node<"trigger">>[2]) =>
  codes(check(triggerFlow(config)).filter((f) => f.nodeId === "start"));

describe("trigger rules", () => {
  it("asks for the event name of an event trigger", () => {
    expect(triggerCodes({ kind: "event", eventName: " " })).toEqual(["trigger.event_name_missing"]);
    expect(triggerCodes({ kind: "event", eventName: "order.shipped" })).toEqual([]);
  });

  it("refuses event names with spaces or other characters the events API does not accept", () => {
    const findings = check(triggerFlow({ kind: "event", eventName: "order shipped!" }));
    expect(findings.find((f) => f.code === "trigger.event_name_invalid")?.params).toEqual({
      name: "order shipped!",
    });
    expect(triggerCodes({ kind: "event", eventName: "Invoice-due_2.v1" })).toEqual([]);
  });

  it("asks for at least one non-blank keyword on a keyword trigger", () => {
    expect(triggerCodes({ kind: "keyword", keywords: [] })).toEqual(["trigger.keywords_missing"]);
    expect(triggerCodes({ kind: "keyword", keywords: ["  "] })).toEqual(["trigger.keywords_missing"]);
    expect(triggerCodes({ kind: "keyword", keywords: ["menu"] })).toEqual([]);
  });

  it("accepts a webhook trigger before its hook exists (it is created on publish) and a manual trigger", () => {
    expect(triggerCodes({ kind: "webhook" })).toEqual([]);
    expect(triggerCodes({ kind: "manual" })).toEqual([]);
  });

  it("checks the event filter rules, which may read the event and the contact but not a reply", () => {
    const filter = [
      { path: "", op: "equals" as const, value: "x", values: [] },
      { path: "reply.text", op: "equals" as const, value: "x", values: [] },
      { path: "event.total", op: "gt" as const, value: "lots", values: [] },
    ];
    expect(triggerCodes({ kind: "event", eventName: "order.paid", filter })).toEqual([
      "rule.path_missing",
      "rule.unknown_root",
      "rule.number_expected",
    ]);
    const fixed = [
      { path: "contact.attributes.vip", op: "exists" as const, value: "", values: [] },
      { path: "event.total", op: "gt" as const, value: "100", values: [] },
    ];
    expect(triggerCodes({ kind: "event", eventName: "order.paid", filter: fixed })).toEqual([]);
  });

  it("ignores a leftover filter on a trigger that is not an event trigger", () => {
    const filter = [{ path: "", op: "equals" as const, value: "", values: [] }];
    expect(triggerCodes({ kind: "manual", filter })).toEqual([]);
  });
});
