import { describe, expect, it } from "vitest";
import { SAMPLE_TEMPLATES } from "./starters";
import type { FlowDocument } from "./schema";
import { around, check, codes, edge, errors, flow, keywordTrigger, node } from "./testing";
import { validate } from "./validate";

const say = (id: string) => node("send-text", id, { text: "Hello" });
const pause = (id: string) => node("delay", id, { duration: { amount: 5, unit: "minutes" } });
const branch = (id: string) => ({ id, kind: "keywords" as const, label: "", button: "", keywords: [id] });

describe("validate: the flow as a whole", () => {
  it("refuses an empty flow with a single flow-level error", () => {
    expect(check(flow([]))).toEqual([expect.objectContaining({ code: "flow.empty", severity: "error" })]);
    expect(check(flow([]))[0]?.nodeId).toBeUndefined();
  });

  it("needs a trigger, reported on the flow rather than a node", () => {
    const findings = check(flow([say("a")]));
    expect(codes(findings)).toEqual(["flow.no_trigger"]);
    expect(findings[0]?.nodeId).toBeUndefined();
  });

  it("reports every trigger after the first on that trigger", () => {
    const doc = flow(
      [keywordTrigger("t1"), keywordTrigger("t2"), keywordTrigger("t3"), say("a")],
      [edge("t1", "next", "a"), edge("t2", "next", "a"), edge("t3", "next", "a")],
    );
    const extra = check(doc).filter((f) => f.code === "flow.extra_trigger");
    expect(extra.map((f) => f.nodeId)).toEqual(["t2", "t3"]);
  });

  it("reports a node id used twice", () => {
    const doc = around(say("a"), [pause("a")]);
    expect(check(doc).filter((f) => f.code === "node.duplicate_id")).toEqual([
      expect.objectContaining({ nodeId: "a", params: { id: "a" } }),
    ]);
  });

  it("needs the trigger's output connected", () => {
    const findings = check(flow([keywordTrigger()]));
    expect(findings).toEqual([
      expect.objectContaining({
        code: "node.required_output_unconnected",
        nodeId: "start",
        params: { handle: "next" },
      }),
    ]);
  });

  it("accepts unconnected optional outputs such as failed and timeout", () => {
    const doc = around(say("a"));
    expect(check(doc)).toEqual([]);
  });

  it("warns about steps no path from the trigger reaches, without blocking publishing", () => {
    const doc = around(say("a"), [say("island"), pause("far")], [edge("island", "sent", "far")]);
    const unreachable = check(doc).filter((f) => f.code === "node.unreachable");
    expect(unreachable.map((f) => [f.nodeId, f.severity])).toEqual([
      ["island", "warning"],
      ["far", "warning"],
    ]);
  });

  it("does not report unreachable steps when there is no trigger at all", () => {
    expect(codes(check(flow([say("a"), say("b")])))).toEqual(["flow.no_trigger"]);
  });

  it("warns when a wait-for-reply has branches but none of them is connected", () => {
    const wait = node("wait-for-reply", "wait", { branches: [branch("yes"), branch("no")] });
    const timeoutOnly = around(wait, [pause("later")], [edge("wait", "timeout", "later")]);
    expect(check(timeoutOnly)).toEqual([
      expect.objectContaining({ code: "wait.branches_unconnected", nodeId: "wait", severity: "warning" }),
    ]);
    const oneBranch = around(wait, [say("ok")], [edge("wait", "yes", "ok")]);
    expect(check(oneBranch)).toEqual([]);
  });

  it("turns an unexpected failure into a finding instead of throwing", () => {
    const broken = {
      version: 1,
      nodes: [{ id: "x", type: "teleport", position: { x: 0, y: 0 }, config: {} }],
      edges: [],
    };
    const findings = validate(broken as unknown as FlowDocument, { templates: [] });
    expect(codes(findings)).toEqual(["flow.invalid"]);
  });
});

describe("validate: edges", () => {
  it("reports edges from or to steps that do not exist", () => {
    const doc = around(say("a"), [], [edge("ghost", "next", "a"), edge("a", "sent", "nowhere")]);
    const findings = check(doc);
    expect(findings.find((f) => f.code === "edge.source_missing")).toMatchObject({
      edgeId: "ghost--next--a",
      params: { source: "ghost" },
    });
    expect(findings.find((f) => f.code === "edge.target_missing")).toMatchObject({
      edgeId: "a--sent--nowhere",
    });
  });

  it("reports an edge leaving an output the source does not have", () => {
    const doc = around(say("a"), [say("b")], [edge("a", "true", "b")]);
    expect(check(doc).find((f) => f.code === "edge.unknown_handle")).toMatchObject({
      edgeId: "a--true--b",
      params: { handle: "true", node: "a" },
    });
  });

  it("accepts an edge from a wait-for-reply branch and refuses one from a branch it no longer has", () => {
    const wait = node("wait-for-reply", "wait", { branches: [branch("yes")] });
    const ok = around(wait, [say("b")], [edge("wait", "yes", "b")]);
    expect(check(ok)).toEqual([]);
    const stale = around(wait, [say("b"), say("c")], [edge("wait", "yes", "b"), edge("wait", "maybe", "c")]);
    expect(codes(check(stale))).toEqual(["edge.unknown_handle", "node.unreachable"]);
  });

  it("allows one edge per output and reports the extra ones", () => {
    const doc = around(say("a"), [say("b"), say("c")], [edge("a", "sent", "b"), edge("a", "sent", "c")]);
    const findings = check(doc).filter((f) => f.code === "edge.handle_taken");
    expect(findings).toEqual([
      expect.objectContaining({ edgeId: "a--sent--c", params: { handle: "sent", node: "a" } }),
    ]);
  });

  it("refuses edges into a trigger", () => {
    const doc = around(say("a"), [], [edge("a", "sent", "start")]);
    expect(codes(check(doc))).toEqual(["edge.into_trigger"]);
  });

  it("refuses a step looping onto itself unless it pauses", () => {
    const selfSend = around(say("a"), [], [edge("a", "failed", "a")]);
    expect(check(selfSend)).toEqual([
      expect.objectContaining({ code: "edge.self_loop", edgeId: "a--failed--a" }),
    ]);
    const retryLater = around(pause("p"), [], [edge("p", "next", "p")]);
    expect(errors(check(retryLater))).toEqual([]);
  });

  it("reports an edge id used twice", () => {
    const doc = around(
      say("a"),
      [say("b")],
      [{ id: "start--next--a", source: "a", sourceHandle: "sent", target: "b" }],
    );
    expect(codes(check(doc))).toEqual(["edge.duplicate_id"]);
  });
});

describe("validate: loops", () => {
  it("refuses a loop without a wait or a delay, naming its steps", () => {
    const doc = around(
      node("condition", "check", { rules: [{ path: "event.x", op: "exists", value: "", values: [] }] }),
      [say("nag")],
      [edge("check", "true", "nag"), edge("nag", "sent", "check")],
    );
    const loop = check(doc).filter((f) => f.code === "flow.cycle_without_pause");
    expect(loop).toEqual([
      expect.objectContaining({
        nodeId: "check",
        relatedNodeIds: ["check", "nag"],
        params: { nodes: "check, nag", count: 2 },
      }),
    ]);
  });

  it("accepts a loop that passes through a delay or a wait-for-reply", () => {
    const viaDelay = around(say("nag"), [pause("p")], [edge("nag", "sent", "p"), edge("p", "next", "nag")]);
    expect(codes(errors(check(viaDelay)))).not.toContain("flow.cycle_without_pause");
    const wait = node("wait-for-reply", "wait", { branches: [branch("again")] });
    const viaWait = around(
      wait,
      [say("echo")],
      [edge("wait", "again", "echo"), edge("echo", "sent", "wait")],
    );
    expect(check(viaWait)).toEqual([]);
  });

  it("reports each separate loop once", () => {
    const rule = [{ path: "event.x", op: "exists" as const, value: "", values: [] }];
    const doc = around(
      node("condition", "c1", { rules: rule }),
      [
        node("condition", "c2", { rules: rule }),
        node("condition", "c3", { rules: rule }),
        node("condition", "c4", { rules: rule }),
      ],
      [
        edge("c1", "true", "c2"),
        edge("c2", "true", "c1"),
        edge("c1", "false", "c3"),
        edge("c3", "true", "c4"),
        edge("c4", "true", "c3"),
      ],
    );
    const loops = check(doc).filter((f) => f.code === "flow.cycle_without_pause");
    expect(loops.map((f) => f.relatedNodeIds)).toEqual([
      ["c1", "c2"],
      ["c3", "c4"],
    ]);
  });

  it("finds a loop in a long chain without overflowing the stack", () => {
    const rule = [{ path: "event.x", op: "exists" as const, value: "", values: [] }];
    const ids = Array.from({ length: 999 }, (_, i) => `c${i}`);
    const nodes = [keywordTrigger(), ...ids.map((id) => node("condition", id, { rules: rule }))];
    const edges = [
      edge("start", "next", "c0"),
      ...ids.slice(1).map((id, i) => edge(`c${i}`, "true", id)),
      edge("c998", "true", "c0"),
    ];
    const loops = check(flow(nodes, edges)).filter((f) => f.code === "flow.cycle_without_pause");
    expect(loops).toHaveLength(1);
    expect(loops[0]?.relatedNodeIds).toHaveLength(999);
  });
});

describe("validate: findings", () => {
  it("gives every finding a severity, a code, an English message and the params its translation needs", () => {
    const doc = around(node("template-send", "send", { templateName: "order_shipped", language: "en_US" }));
    const [unmapped] = check(doc, SAMPLE_TEMPLATES);
    expect(unmapped).toEqual({
      nodeId: "send",
      severity: "error",
      code: "template.variable_unmapped",
      message: "Fill in the template variable {{1}} (body.1)",
      params: { variable: "body.1", label: "{{1}}" },
    });
  });
});
