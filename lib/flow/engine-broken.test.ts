import { describe, expect, it } from "vitest";
import { advance, startRun, type Advance, type EngineInput, type RunState } from "./engine";
import { ENGINE_FAILURE_CODES, engineFailureMessage } from "./engine-failures";
import { RunDriver, SARA, runContext } from "./engine-testing";
import type { PendingStep, ResumeInput } from "./engine-types";
import { definitionOf, type NodeDefinition } from "./nodes/index";
import type { FlowDocument, NodeType } from "./schema";
import { starterDocument } from "./starters";
import { edge, flow, keywordTrigger, node } from "./testing";

/** Documents and states no validator has seen: the engine fails the run with a code, it never throws. */

const start = { type: "start", event: {}, contact: SARA } as const;

/** A document as it might arrive from storage or code that bypassed the schema. */
function raw(value: unknown): FlowDocument {
  return value as FlowDocument;
}

describe("documents the engine cannot run", () => {
  it("refuses a document of another version", () => {
    const doc = raw({ ...starterDocument("order-shipped"), version: 2 });
    expect(startRun(doc, start, runContext()).effects).toEqual([
      {
        type: "end",
        status: "failed",
        failure: {
          nodeId: null,
          code: "version_unsupported",
          message: "Unsupported flow document version 2: this Raqi runs version 1",
          params: { version: 2, supported: 1 },
        },
      },
    ]);
  });

  it("fails an active run whose document changed version under it", () => {
    const run = new RunDriver(starterDocument("order-shipped"));
    run.start({ order_id: "1" });
    const result = advance(
      raw({ ...starterDocument("order-shipped"), version: "1" }),
      run.state,
      { type: "sent", stepKey: "notify:1", wamid: "w" },
      runContext(),
    );
    expect(result.effects).toMatchObject([
      { type: "end", status: "failed", failure: { nodeId: "notify", code: "version_unsupported" } },
    ]);
  });

  it("fails on a node type it does not know, naming it", () => {
    const broken = raw({
      version: 1,
      nodes: [keywordTrigger(), { id: "x", type: "send-email", position: { x: 0, y: 0 }, config: {} }],
      edges: [edge("start", "next", "x")],
    });
    expect(startRun(broken, start, runContext()).effects).toEqual([
      {
        type: "end",
        status: "failed",
        failure: {
          nodeId: "x",
          code: "unknown_node_type",
          message: "This Raqi cannot run steps of type “send-email”",
          params: { type: "send-email" },
        },
      },
    ]);
  });

  it("fails on an edge to a node that does not exist", () => {
    const doc = flow([keywordTrigger()], [edge("start", "next", "ghost")]);
    expect(startRun(doc, start, runContext()).effects).toEqual([
      {
        type: "end",
        status: "failed",
        failure: {
          nodeId: "start",
          code: "node_missing",
          message: "The “next” output of start leads to a step that does not exist (ghost)",
          params: { nodeId: "ghost", from: "start", handle: "next" },
        },
      },
    ]);
  });

  it("fails when the node a run waits at was removed from the document", () => {
    const run = new RunDriver(starterDocument("order-shipped"));
    run.start({ order_id: "1" });
    const doc = starterDocument("order-shipped");
    doc.nodes = doc.nodes.filter((n) => n.id !== "notify");
    const result = advance(doc, run.state, { type: "sent", stepKey: "notify:1", wamid: "w" }, runContext());
    expect(result.effects).toEqual([
      {
        type: "end",
        status: "failed",
        failure: {
          nodeId: "notify",
          code: "node_missing",
          message: "The step notify no longer exists in the flow",
          params: { nodeId: "notify" },
        },
      },
    ]);
  });

  it("fails on a config its schema refuses, saying what is wrong", () => {
    const doc = raw({
      version: 1,
      nodes: [
        keywordTrigger(),
        {
          id: "wait",
          type: "wait-for-reply",
          position: { x: 0, y: 0 },
          config: { timeout: { amount: "soon" } },
        },
      ],
      edges: [edge("start", "next", "wait")],
    });
    const { effects } = startRun(doc, start, runContext());
    expect(effects).toMatchObject([
      {
        type: "end",
        status: "failed",
        failure: { nodeId: "wait", code: "invalid_config", params: { type: "wait-for-reply" } },
      },
    ]);
    expect(effects[0]).toMatchObject({ failure: { message: expect.stringContaining("timeout.amount") } });
  });

  it("completes a node's missing config with its defaults", () => {
    const doc = raw({
      version: 1,
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 } },
        { id: "d", type: "delay", position: { x: 0, y: 0 } },
      ],
      edges: [edge("t", "next", "d")],
    });
    const { effects } = startRun(doc, start, runContext());
    expect(effects).toMatchObject([{ type: "sleep", stepKey: "d:1", untilMs: runContext().now + 3_600_000 }]);
  });

  it("fails an outstanding step when the document no longer has such a step there", () => {
    const run = new RunDriver(starterDocument("order-shipped"));
    run.start({ order_id: "1" });
    const swapped = starterDocument("order-shipped");
    swapped.nodes = swapped.nodes.map((n) => (n.id === "notify" ? node("condition", "notify") : n));
    const result = advance(
      swapped,
      run.state,
      { type: "sent", stepKey: "notify:1", wamid: "w" },
      runContext(),
    );
    expect(result.effects).toMatchObject([
      {
        type: "end",
        status: "failed",
        failure: {
          code: "state_invalid",
          message: "The run's stored state does not fit the flow: a condition step has no outstanding effect",
        },
      },
    ]);

    const asDelay = starterDocument("order-shipped");
    asDelay.nodes = asDelay.nodes.map((n) => (n.id === "notify" ? node("delay", "notify") : n));
    expect(
      advance(asDelay, run.state, { type: "sent", stepKey: "notify:1", wamid: "w" }, runContext()).effects,
    ).toMatchObject([
      { failure: { code: "state_invalid", params: { detail: "this step cannot take a “sent” input" } } },
    ]);
  });

  it("follows the first node with an id and the first edge out of an output, as the validator does", () => {
    const doc = flow(
      [
        keywordTrigger(),
        node("send-text", "a", { text: "first" }),
        node("send-text", "a", { text: "second" }),
        node("send-text", "b", { text: "B" }),
      ],
      [edge("start", "next", "a"), edge("start", "next", "b")],
    );
    expect(startRun(doc, start, runContext()).effects).toMatchObject([
      { stepKey: "a:1", content: { body: "first" } },
    ]);
  });

  it("reports an unexpected error as a failed run instead of throwing", () => {
    const garbage = raw({ version: 1, nodes: null, edges: [] });
    const started = startRun(garbage, start, runContext());
    expect(started.effects).toMatchObject([
      { type: "end", status: "failed", failure: { code: "engine_error" } },
    ]);
    expect(started.state).toMatchObject({ status: "failed", at: null, failure: { nodeId: null } });

    const run = new RunDriver(starterDocument("order-shipped"));
    run.start({ order_id: "1" });
    for (const input of [
      { type: "sent", stepKey: "notify:1", wamid: "w" },
      { type: "cancel" },
      { type: "opted_out", scope: "marketing" },
    ] as const satisfies readonly EngineInput[]) {
      const result = advance(garbage, run.state, input, runContext());
      expect(result.effects).toMatchObject([
        { type: "end", status: "failed", failure: { nodeId: "notify", code: "engine_error" } },
      ]);
      expect(result.state.path).toEqual(run.state.path);
    }
  });

  it("reports an event it cannot copy as a failed run", () => {
    const { effects } = startRun(
      starterDocument("order-shipped"),
      { type: "start", event: { callback: () => 1 }, contact: SARA },
      runContext(),
    );
    expect(effects).toMatchObject([{ type: "end", status: "failed", failure: { code: "engine_error" } }]);
  });

  it("never throws on mangled documents, whatever the inputs", () => {
    const base = starterDocument("order-shipped");
    const mangled: unknown[] = [
      {},
      { version: 1 },
      { version: 1, nodes: [], edges: [] },
      { version: 1, nodes: [{}], edges: [{}] },
      { version: 1, nodes: [{ id: "t", type: "trigger", config: null }], edges: null },
      {
        version: 1,
        nodes: [{ id: "t", type: "trigger", config: { kind: "event", filter: "x" } }],
        edges: [],
      },
      { ...base, edges: base.edges.map((e) => ({ ...e, sourceHandle: 42 })) },
      { ...base, nodes: base.nodes.map((n) => ({ ...n, config: "nonsense" })) },
      {
        ...base,
        nodes: base.nodes.map((n) => ({ ...n, type: n.type === "trigger" ? "trigger" : "mystery" })),
      },
      {
        ...base,
        nodes: base.nodes.map((n) => ({ ...n, config: { ...n.config, variables: null, branches: 7 } })),
      },
      null,
    ];
    const inputs: EngineInput[] = [
      { type: "sent", stepKey: "notify:1", wamid: "w" },
      { type: "reply", stepKey: "wait:1", reply: { text: "Track order", buttonId: null, type: "text" } },
      { type: "timeout", stepKey: "wait:1" },
      { type: "opted_out", scope: "marketing" },
      { type: "cancel" },
    ];
    for (const doc of mangled) {
      let result: Advance = { state: undefined as unknown as RunState, effects: [] };
      expect(() => {
        result = startRun(raw(doc), { type: "start", event: { order_id: "1" }, contact: SARA }, runContext());
        for (const input of inputs) result = advance(raw(doc), result.state, input, runContext());
      }).not.toThrow();
      expect(result.state.status).toMatch(/^(running|waiting|sleeping|completed|failed|cancelled)$/);
    }
  });
});

describe("states the engine did not leave behind", () => {
  it("cancels a state with nothing outstanding, and ignores answers to it", () => {
    const run = new RunDriver(starterDocument("order-shipped"));
    run.start({ order_id: "1" });
    const idle: RunState = { ...run.state, at: null };
    const doc = starterDocument("order-shipped");
    expect(advance(doc, idle, { type: "sent", stepKey: "notify:1", wamid: "w" }, runContext()).state).toBe(
      idle,
    );
    expect(advance(doc, idle, { type: "cancel" }, runContext()).effects).toMatchObject([
      { type: "end", status: "cancelled", failure: { nodeId: null, code: "cancelled" } },
    ]);
    expect(advance(doc, idle, { type: "opted_out", scope: "marketing" }, runContext()).effects).toMatchObject(
      [{ type: "end", status: "cancelled", failure: { nodeId: null, code: "opted_out" } }],
    );
  });

  it("moves on from a state whose path was trimmed, without inventing history", () => {
    const run = new RunDriver(starterDocument("order-shipped"));
    run.start({ order_id: "1" });
    const trimmed: RunState = { ...run.state, path: [] };
    const next = advance(
      starterDocument("order-shipped"),
      trimmed,
      { type: "sent", stepKey: "notify:1", wamid: "w" },
      runContext(),
    );
    expect(next.effects).toMatchObject([{ type: "wait_for_reply", stepKey: "wait:1" }]);
    expect(next.state.path).toEqual([{ nodeId: "wait", visit: 1, handle: null, at: runContext().now }]);
  });

  it("fails an outstanding step whose node became a type it does not know, or got an invalid config", () => {
    const run = new RunDriver(starterDocument("order-shipped"));
    run.start({ order_id: "1" });
    const sent = { type: "sent", stepKey: "notify:1", wamid: "w" } as const;
    const unknown = raw({
      ...starterDocument("order-shipped"),
      nodes: starterDocument("order-shipped").nodes.map((n) =>
        n.id === "notify" ? { ...n, type: "fax" } : n,
      ),
    });
    expect(advance(unknown, run.state, sent, runContext()).state.failure).toMatchObject({
      nodeId: "notify",
      code: "unknown_node_type",
    });
    const invalid = raw({
      ...starterDocument("order-shipped"),
      nodes: starterDocument("order-shipped").nodes.map((n) =>
        n.id === "notify" ? { ...n, config: { variables: "none" } } : n,
      ),
    });
    expect(advance(invalid, run.state, sent, runContext()).state.failure).toMatchObject({
      nodeId: "notify",
      code: "invalid_config",
      params: { type: "template-send" },
    });
  });

  it("reports a thrown non-error value too", () => {
    const doc = starterDocument("order-shipped");
    Object.defineProperty(doc, "nodes", {
      get() {
        throw "no nodes today";
      },
    });
    expect(startRun(doc, start, runContext()).state.failure).toEqual({
      nodeId: null,
      code: "engine_error",
      message: "The run stopped on an unexpected error: no nodes today",
      params: { detail: "no nodes today" },
    });
  });

  it("refuses a delay time it cannot even show", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const doc = flow(
      [keywordTrigger(), node("delay", "d", { mode: "until", untilPath: "event.at" })],
      [edge("start", "next", "d")],
    );
    expect(startRun(doc, { ...start, event: { at: cyclic } }, runContext()).state.failure).toMatchObject({
      code: "until_invalid",
      params: { path: "event.at", value: "" },
    });
  });
});

describe("node steps given an input they cannot take", () => {
  const ctx = { ...runContext(), scope: { event: {}, contact: SARA } };
  const pending = { nodeId: "n", visit: 1, stepKey: "n:1", effect: "send", sequence: 0 } as const;

  /** A node's resume, called directly as the engine would (it never passes such inputs itself). */
  function resumeAt(type: NodeType, input: ResumeInput, at: PendingStep = pending) {
    const definition = definitionOf(type) as NodeDefinition<NodeType>;
    return definition.step.resume?.(node(type, "n"), input, { ...ctx, pending: at });
  }

  it("say the state does not fit instead of guessing", () => {
    const slept = { type: "slept", stepKey: "n:1" } as const;
    for (const type of ["template-send", "send-text", "opt-out", "wait-for-reply"] as const) {
      expect(resumeAt(type, slept), type).toEqual({
        type: "fail",
        failure: { code: "state_invalid", params: { detail: "this step cannot take a “slept” input" } },
      });
    }
    expect(resumeAt("delay", { type: "timeout", stepKey: "n:1" })).toMatchObject({
      failure: { code: "state_invalid" },
    });
    expect(definitionOf("trigger").step.resume).toBeUndefined();
    expect(definitionOf("condition").step.resume).toBeUndefined();
  });

  it("treat a wait without a deadline as timed out on an unmatched reply", () => {
    const reply = {
      type: "reply",
      stepKey: "n:1",
      reply: { text: "?", buttonId: null, type: "text" },
    } as const;
    expect(resumeAt("wait-for-reply", reply, { ...pending, effect: "wait_for_reply" })).toEqual({
      type: "continue",
      handle: "timeout",
    });
  });
});

describe("failure messages", () => {
  it("has an English message for every code, filled from its parameters", () => {
    expect(ENGINE_FAILURE_CODES).toHaveLength(21);
    expect(
      engineFailureMessage("template_unavailable", { template: "t", language: "ar", status: null }),
    ).toBe("Template “t” (ar) does not exist in this workspace");
    expect(
      engineFailureMessage("template_unavailable", { template: "t", language: "ar", status: "PAUSED" }),
    ).toBe("Template “t” (ar) cannot be sent: its status is PAUSED");
    expect(engineFailureMessage("outside_window", { lastInboundAt: null })).toMatch(/within 24 hours/);
    expect(engineFailureMessage("node_missing", { nodeId: "x", from: "a" })).toBe(
      "The “” output of a leads to a step that does not exist (x)",
    );
    expect(engineFailureMessage("version_unsupported", { version: undefined, supported: 1 })).toBe(
      "Unsupported flow document version undefined: this Raqi runs version 1",
    );
  });
});
