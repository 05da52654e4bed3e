import { describe, expect, it } from "vitest";
import { FlowGraph } from "./graph";
import { edge, flow, keywordTrigger, node, check, codes } from "./testing";
import type { FlowEdge, FlowNode } from "./schema";
import { minutesSinceInbound, OUTSIDE } from "./window";

const eventTrigger = node("trigger", "start", { kind: "event", eventName: "order.shipped" });
const template = node("template-send", "send", {
  templateName: "order_shipped",
  language: "en_US",
  variables: { "body.1": "{{contact.name}}", "body.2": "{{event.order_id}}" },
});
const wait = (hours = 23) =>
  node("wait-for-reply", "wait", {
    timeout: { amount: hours, unit: "hours" },
    branches: [{ id: "track", kind: "button", label: "", button: "Track order", keywords: [] }],
  });
const say = (id = "say") => node("send-text", id, { text: "Your parcel: {{event.tracking_url}}" });
const delay = (id: string, amount: number, unit: "minutes" | "hours" | "days" = "hours") =>
  node("delay", id, { duration: { amount, unit } });

function windowFindings(nodes: FlowNode[], edges: FlowEdge[]) {
  return check(flow(nodes, edges)).filter((f) => f.code === "send_text.outside_window");
}

describe("the 24-hour window analysis", () => {
  it("accepts free-form text right after a keyword trigger: the contact just wrote", () => {
    expect(windowFindings([keywordTrigger(), say()], [edge("start", "next", "say")])).toEqual([]);
  });

  it("refuses free-form text right after an event trigger", () => {
    expect(windowFindings([eventTrigger, say()], [edge("start", "next", "say")])).toEqual([
      expect.objectContaining({ nodeId: "say", severity: "error" }),
    ]);
  });

  it("refuses free-form text after a template alone: templates do not open the window", () => {
    const found = windowFindings(
      [eventTrigger, template, say()],
      [edge("start", "next", "send"), edge("send", "sent", "say")],
    );
    expect(found).toHaveLength(1);
  });

  it("accepts free-form text after a reply branch of a wait that follows a template", () => {
    const nodes = [eventTrigger, template, wait(), say()];
    const edges = [edge("start", "next", "send"), edge("send", "sent", "wait"), edge("wait", "track", "say")];
    expect(windowFindings(nodes, edges)).toEqual([]);
    expect(check(flow(nodes, edges))).toEqual([]);
  });

  it("refuses the same text reached through the wait's timeout", () => {
    const nodes = [eventTrigger, template, wait(), say()];
    const edges = [
      edge("start", "next", "send"),
      edge("send", "sent", "wait"),
      edge("wait", "timeout", "say"),
    ];
    expect(windowFindings(nodes, edges)).toHaveLength(1);
  });

  it("refuses text after a reply when a 25-hour delay follows the reply", () => {
    const nodes = [eventTrigger, template, wait(), delay("later", 25), say()];
    const edges = [
      edge("start", "next", "send"),
      edge("send", "sent", "wait"),
      edge("wait", "track", "later"),
      edge("later", "next", "say"),
    ];
    expect(windowFindings(nodes, edges)).toHaveLength(1);
  });

  it("adds up the pauses since the reply: two 12-hour delays are too long, 23 h 59 min is not", () => {
    const base = [eventTrigger, template, wait()];
    const head = [edge("start", "next", "send"), edge("send", "sent", "wait"), edge("wait", "track", "d1")];
    const twelve = windowFindings(
      [...base, delay("d1", 12), delay("d2", 12), say()],
      [...head, edge("d1", "next", "d2"), edge("d2", "next", "say")],
    );
    expect(twelve).toHaveLength(1);
    const justInside = windowFindings(
      [...base, delay("d1", 23), delay("d2", 59, "minutes"), say()],
      [...head, edge("d1", "next", "d2"), edge("d2", "next", "say")],
    );
    expect(justInside).toEqual([]);
  });

  it("counts a delay until a time from the event as unbounded", () => {
    const until = node("delay", "until", { mode: "until", untilPath: "event.appointment_at" });
    const found = windowFindings(
      [keywordTrigger(), until, say()],
      [edge("start", "next", "until"), edge("until", "next", "say")],
    );
    expect(found).toHaveLength(1);
  });

  it("counts a timeout branch at its full timeout after a keyword trigger", () => {
    const shortWait = node("wait-for-reply", "wait", {
      timeout: { amount: 2, unit: "hours" },
      branches: [{ id: "yes", kind: "keywords", label: "", button: "", keywords: ["yes"] }],
    });
    const nodes = [keywordTrigger(), shortWait, say()];
    expect(windowFindings(nodes, [edge("start", "next", "wait"), edge("wait", "timeout", "say")])).toEqual(
      [],
    );
    const nodesLate = [keywordTrigger(), delay("d", 22), shortWait, say()];
    const late = [edge("start", "next", "d"), edge("d", "next", "wait"), edge("wait", "timeout", "say")];
    expect(windowFindings(nodesLate, late)).toHaveLength(1);
  });

  it("needs every path to be inside: one path through a timeout is enough to refuse", () => {
    const nodes = [eventTrigger, template, wait(), say()];
    const edges = [
      edge("start", "next", "send"),
      edge("send", "sent", "wait"),
      edge("wait", "track", "say"),
      edge("wait", "timeout", "say"),
    ];
    expect(windowFindings(nodes, edges)).toHaveLength(1);
  });

  it("settles on loops: a reminder loop through timeouts is outside, a loop through replies is inside", () => {
    const reminderLoop = [
      edge("start", "next", "send"),
      edge("send", "sent", "wait"),
      edge("wait", "timeout", "send"),
      edge("wait", "track", "say"),
    ];
    expect(windowFindings([eventTrigger, template, wait(), say()], reminderLoop)).toEqual([]);
    const minuteLoop = [keywordTrigger(), delay("tick", 1, "minutes"), say()];
    const ticking = [edge("start", "next", "tick"), edge("tick", "next", "say"), edge("say", "sent", "tick")];
    expect(windowFindings(minuteLoop, ticking)).toHaveLength(1);
    const graph = new FlowGraph(flow(minuteLoop, ticking));
    expect(minutesSinceInbound(graph).get("say")).toBe(OUTSIDE);
  });

  it("warns that an opt-out confirmation may not arrive outside the window, and not inside it", () => {
    const optOut = node("opt-out", "stop", { confirmationText: "Done" });
    const outside = check(flow([eventTrigger, optOut], [edge("start", "next", "stop")]));
    expect(outside).toEqual([
      expect.objectContaining({ code: "opt_out.confirmation_outside_window", severity: "warning" }),
    ]);
    expect(codes(check(flow([keywordTrigger(), optOut], [edge("start", "next", "stop")])))).toEqual([]);
    const silent = node("opt-out", "stop", { confirmationText: "" });
    expect(check(flow([eventTrigger, silent], [edge("start", "next", "stop")]))).toEqual([]);
  });
});
