import { describe, expect, it } from "vitest";
import { advance, isFinished, MAX_RUN_STEPS, startRun, stepKeyOf, type RunState } from "./engine";
import { HOUR, MINUTE, RunDriver, SARA, T0, runContext } from "./engine-testing";
import type { FlowDocument, FlowNode } from "./schema";
import { buttonBranch, starterDocument } from "./starters";
import { edge, flow, keywordTrigger, node } from "./testing";

const ORDER = { order_id: "#1042", tracking_url: "https://track.example/1042" };

/** keyword trigger → order_shipped template → wait (Track order / Talk to us), its timeout back to the template. */
function remindUntilAnswered(): FlowDocument {
  return flow(
    [
      keywordTrigger(),
      node("template-send", "remind", {
        templateName: "order_shipped",
        language: "en_US",
        variables: { "body.1": "{{contact.name}}", "body.2": "{{event.order_id}}" },
      }),
      node("wait-for-reply", "wait", {
        timeout: { amount: 2, unit: "hours" },
        branches: [buttonBranch("track", "Track order"), buttonBranch("talk", "Talk to us")],
      }),
      node("send-text", "done", { text: "Thanks!" }),
    ],
    [
      edge("start", "next", "remind"),
      edge("remind", "sent", "wait"),
      edge("wait", "timeout", "remind"),
      edge("wait", "track", "done"),
    ],
  );
}

function waiting(doc: FlowDocument = starterDocument("order-shipped")) {
  const run = new RunDriver(doc);
  run.start(ORDER);
  run.sent();
  expect(run.state.status).toBe("waiting");
  return run;
}

describe("starting a run", () => {
  it("passes the trigger and stops at the first node that needs the outside world", () => {
    const { state, effects } = startRun(
      starterDocument("order-shipped"),
      { type: "start", event: ORDER, contact: SARA },
      runContext(),
    );
    expect(effects).toHaveLength(1);
    expect(state).toEqual({
      status: "running",
      at: { nodeId: "notify", visit: 1, stepKey: "notify:1", effect: "send", sequence: 0 },
      visits: { trigger: 1, notify: 1 },
      path: [
        { nodeId: "trigger", visit: 1, handle: "next", at: T0 },
        { nodeId: "notify", visit: 1, handle: null, at: T0 },
      ],
      scope: { event: ORDER, contact: SARA },
      steps: 2,
    });
  });

  it("completes at once when the trigger leads nowhere", () => {
    const run = new RunDriver(flow([keywordTrigger()]));
    run.start();
    expect(run.last.effects).toEqual([{ type: "end", status: "completed" }]);
    expect(run.state).toMatchObject({ status: "completed", at: null, path: [{ handle: "next" }] });
    expect(isFinished(run.state)).toBe(true);
  });

  it("starts at the trigger it is given when the document has several", () => {
    const doc = flow(
      [
        keywordTrigger("first"),
        keywordTrigger("second"),
        node("send-text", "a", { text: "A" }),
        node("send-text", "b", { text: "B" }),
      ],
      [edge("first", "next", "a"), edge("second", "next", "b")],
    );
    const first = new RunDriver(doc);
    first.start();
    expect(first.effect).toMatchObject({ stepKey: "a:1" });
    const second = new RunDriver(doc);
    second.start({}, SARA, "second");
    expect(second.effect).toMatchObject({ stepKey: "b:1", content: { body: "B" } });
  });

  it("fails without a trigger to start from", () => {
    const run = new RunDriver(flow([node("send-text", "a", { text: "A" })]));
    run.start();
    expect(run.last.effects).toEqual([
      {
        type: "end",
        status: "failed",
        failure: {
          nodeId: null,
          code: "trigger_missing",
          message: "The flow has no trigger to start from",
          params: {},
        },
      },
    ]);
    const named = new RunDriver(remindUntilAnswered());
    named.start({}, SARA, "remind");
    expect(named.state.failure).toMatchObject({
      code: "trigger_missing",
      message: "The flow has no trigger with the id remind",
      params: { triggerNodeId: "remind" },
    });
  });

  it("does not start on an event its trigger's filter refuses", () => {
    const doc = flow(
      [
        node("trigger", "t", {
          kind: "event",
          eventName: "order.shipped",
          filter: [
            { path: "event.total", op: "gte", value: "100", values: [] },
            { path: "contact.attributes.tier", op: "equals", value: "Gold", values: [] },
          ],
        }),
        node("send-text", "a", { text: "Big order" }),
      ],
      [edge("t", "next", "a")],
    );
    const small = new RunDriver(doc);
    small.start({ total: "99.5" });
    expect(small.last.effects).toEqual([
      {
        type: "end",
        status: "cancelled",
        failure: {
          nodeId: "t",
          code: "filter_not_matched",
          message: "The event order.shipped does not match the trigger's filter",
          params: { eventName: "order.shipped" },
        },
      },
    ]);
    expect(small.state.path).toEqual([]);
    const big = new RunDriver(doc);
    big.start({ total: 120 });
    expect(big.effect).toMatchObject({ type: "send", stepKey: "a:1" });
    const notGold = new RunDriver(doc);
    notGold.start({ total: 120 }, { phone: SARA.phone, attributes: { tier: "silver" } });
    expect(notGold.state.status).toBe("cancelled");
  });

  it("keeps its own copy of the event and the contact", () => {
    const event = { order_id: "#1", nested: { a: 1 } };
    const contact = { phone: SARA.phone, name: "Sara" };
    const { state } = startRun(
      starterDocument("order-shipped"),
      { type: "start", event, contact },
      runContext(),
    );
    event.nested.a = 2;
    contact.name = "Changed";
    expect(state.scope).toEqual({
      event: { order_id: "#1", nested: { a: 1 } },
      contact: { phone: SARA.phone, name: "Sara" },
    });
  });

  it("keeps a state that survives a JSON round trip, as the shell stores it", () => {
    const run = waiting();
    const stored = JSON.parse(JSON.stringify(run.state)) as RunState;
    expect(stored).toEqual(run.state);
    const next = advance(
      starterDocument("order-shipped"),
      stored,
      {
        type: "reply",
        stepKey: "wait:1",
        reply: { text: "Talk to us", buttonId: "Talk to us", type: "button" },
      },
      runContext(),
    );
    expect(next.effects).toMatchObject([{ type: "send", stepKey: "handover:1" }]);
  });
});

describe("answering the outstanding effect", () => {
  it("ignores an input with a stale or unknown step key: same state, no effect", () => {
    const run = waiting();
    const before = run.state;
    for (const stepKey of ["notify:1", "wait:2", "wait", ""]) {
      run.feed({ type: "reply", stepKey, reply: { text: "Track order", buttonId: null, type: "text" } });
      expect(run.last.effects).toEqual([]);
      expect(run.state).toBe(before);
    }
  });

  it("ignores a duplicate delivery of a send's outcome", () => {
    const run = new RunDriver(starterDocument("order-shipped"));
    run.start(ORDER);
    run.feed({ type: "sent", stepKey: "notify:1", wamid: "wamid.A" });
    const afterFirst = run.state;
    run.feed({ type: "sent", stepKey: "notify:1", wamid: "wamid.A" });
    expect(run.last.effects).toEqual([]);
    run.feed({ type: "send_failed", stepKey: "notify:1", code: 131026, message: "late" });
    expect(run.last.effects).toEqual([]);
    expect(run.state).toBe(afterFirst);
  });

  it("ignores an input of another kind than the outstanding effect, even with its step key", () => {
    const run = waiting();
    const before = run.state;
    for (const input of [
      { type: "sent", stepKey: "wait:1", wamid: "x" },
      { type: "send_failed", stepKey: "wait:1", code: 1, message: "x" },
      { type: "slept", stepKey: "wait:1" },
      { type: "suppressed", stepKey: "wait:1" },
    ] as const) {
      run.feed(input);
      expect(run.state).toBe(before);
    }
    const sending = new RunDriver(starterDocument("order-shipped"));
    sending.start(ORDER);
    sending.feed({ type: "timeout", stepKey: "notify:1" });
    sending.feed({ type: "reply", stepKey: "notify:1", reply: { text: "hi", buttonId: null, type: "text" } });
    expect(sending.effects).toHaveLength(1);
    expect(sending.state.at?.stepKey).toBe("notify:1");
  });

  it("takes a reply fed right after the wait effect, and ignores the same reply delivered again", () => {
    const run = waiting();
    const reply = { text: "Track order", buttonId: "Track order", type: "button" };
    run.feed({ type: "reply", stepKey: "wait:1", reply });
    expect(run.effect).toMatchObject({ type: "send", stepKey: "tracking-link:1" });
    const after = run.state;
    run.feed({ type: "reply", stepKey: "wait:1", reply });
    expect(run.last.effects).toEqual([]);
    expect(run.state).toBe(after);
  });

  it("ignores a second start and everything after the run ended", () => {
    const run = waiting();
    const before = run.state;
    run.feed({ type: "start", event: {}, contact: SARA });
    expect(run.state).toBe(before);

    run.timeout();
    const ended = run.state;
    expect(ended.status).toBe("completed");
    for (const input of [
      { type: "timeout", stepKey: "wait:1" },
      { type: "cancel" },
      { type: "opted_out", scope: "all" },
      { type: "start", event: {}, contact: SARA },
    ] as const) {
      run.feed(input);
      expect(run.last.effects).toEqual([]);
      expect(run.state).toBe(ended);
    }
  });

  it("never changes the state it is given", () => {
    const run = waiting();
    const before = structuredClone(run.state);
    const given = run.state;
    run.taps("Track order");
    expect(given).toEqual(before);
    const sending = run.state;
    const snapshot = structuredClone(sending);
    run.feed({ type: "cancel", reason: "test" });
    run.feed({ type: "opted_out", scope: "all" });
    expect(sending).toEqual(snapshot);
  });
});

describe("loops through a wait", () => {
  it("visits the nodes again with new step keys: remind:1, wait:1, remind:2, wait:2 …", () => {
    const run = new RunDriver(remindUntilAnswered());
    run.start(ORDER);
    const keys = [run.key];
    for (let round = 0; round < 2; round++) {
      run.sent();
      keys.push(run.key);
      run.tick(2 * HOUR).timeout();
      keys.push(run.key);
    }
    expect(keys).toEqual(["remind:1", "wait:1", "remind:2", "wait:2", "remind:3"]);
    expect(run.state.visits).toEqual({ start: 1, remind: 3, wait: 2 });
    expect(run.state.path.map((p) => [p.nodeId, p.visit, p.handle, p.at])).toEqual([
      ["start", 1, "next", T0],
      ["remind", 1, "sent", T0],
      ["wait", 1, "timeout", T0],
      ["remind", 2, "sent", T0 + 2 * HOUR],
      ["wait", 2, "timeout", T0 + 2 * HOUR],
      ["remind", 3, null, T0 + 4 * HOUR],
    ]);
    run.sent();
    run.taps("Track order");
    expect(run.effect).toMatchObject({ stepKey: "done:1" });
    expect(run.state.path.at(-2)).toMatchObject({ nodeId: "wait", visit: 3, handle: "track" });
  });

  it("ignores the outcome of an earlier visit's step once the loop moved on", () => {
    const run = new RunDriver(remindUntilAnswered());
    run.start(ORDER);
    run.sent();
    run.timeout();
    const before = run.state;
    run.feed({ type: "sent", stepKey: "remind:1", wamid: "late" });
    run.feed({ type: "timeout", stepKey: "wait:1" });
    expect(run.state).toBe(before);
    expect(run.key).toBe("remind:2");
  });

  it("builds step keys from the node id and the visit", () => {
    expect(stepKeyOf("wait", 2)).toBe("wait:2");
    expect(stepKeyOf("bye", 1, "confirmation")).toBe("bye:1:confirmation");
  });
});

describe("the step limit", () => {
  it(`stops a loop through a delay after ${MAX_RUN_STEPS} steps`, () => {
    const doc = flow(
      [keywordTrigger(), node("delay", "tick", { duration: { amount: 1, unit: "minutes" } })],
      [edge("start", "next", "tick"), edge("tick", "next", "tick")],
    );
    const run = new RunDriver(doc);
    run.start();
    let sleeps = 0;
    while (run.state.status === "sleeping") {
      run.tick(MINUTE).slept();
      sleeps++;
    }
    expect(sleeps).toBe(MAX_RUN_STEPS - 1);
    expect(run.state.steps).toBe(MAX_RUN_STEPS);
    expect(run.state.visits.tick).toBe(MAX_RUN_STEPS - 1);
    expect(run.last.effects).toEqual([
      {
        type: "end",
        status: "failed",
        failure: {
          nodeId: "tick",
          code: "step_limit",
          message: `The run went through more than ${MAX_RUN_STEPS} steps and was stopped: check the flow for a loop`,
          params: { limit: MAX_RUN_STEPS },
        },
      },
    ]);
  });

  it("does not hang on a loop without a pause, which validation would have refused", () => {
    const doc = flow(
      [keywordTrigger(), node("condition", "a"), node("condition", "b")],
      [edge("start", "next", "a"), edge("a", "true", "b"), edge("b", "true", "a")],
    );
    const { state, effects } = startRun(doc, { type: "start", event: {}, contact: SARA }, runContext());
    expect(effects).toMatchObject([{ type: "end", status: "failed", failure: { code: "step_limit" } }]);
    expect(state.steps).toBe(MAX_RUN_STEPS);
    expect(state.path).toHaveLength(MAX_RUN_STEPS);
  });

  it("counts replies that keep a wait alive, so a chatty contact cannot run it forever", () => {
    const chatty = waiting();
    const steps = chatty.state.steps;
    chatty.says("hello?");
    expect(chatty.state.steps).toBe(steps + 1);
    const near: RunState = { ...chatty.state, steps: MAX_RUN_STEPS };
    const result = advance(
      starterDocument("order-shipped"),
      near,
      { type: "reply", stepKey: chatty.key, reply: { text: "still there?", buttonId: null, type: "text" } },
      runContext(),
    );
    expect(result.effects).toMatchObject([
      { type: "end", status: "failed", failure: { code: "step_limit" } },
    ]);
  });
});

describe("cancelling", () => {
  it("ends the run as cancelled, with the reason, and ignores what comes after", () => {
    const run = waiting();
    run.feed({ type: "cancel", reason: "Restarted by a newer run" });
    expect(run.last.effects).toEqual([
      {
        type: "end",
        status: "cancelled",
        failure: {
          nodeId: "wait",
          code: "cancelled",
          message: "The run was cancelled: Restarted by a newer run",
          params: { reason: "Restarted by a newer run" },
        },
      },
    ]);
    expect(run.state).toMatchObject({ status: "cancelled", at: null });
    run.feed({
      type: "reply",
      stepKey: "wait:1",
      reply: { text: "Track order", buttonId: null, type: "text" },
    });
    expect(run.last.effects).toEqual([]);
  });

  it("says so plainly without a reason", () => {
    const run = waiting();
    run.feed({ type: "cancel" });
    expect(run.state.failure).toEqual({
      nodeId: "wait",
      code: "cancelled",
      message: "The run was cancelled",
      params: {},
    });
  });
});

describe("opt-outs while a run is active", () => {
  it("cancels on an opt-out of everything mid-wait, and takes no further input", () => {
    const run = waiting();
    run.feed({ type: "opted_out", scope: "all" });
    expect(run.last.effects).toEqual([
      {
        type: "end",
        status: "cancelled",
        failure: {
          nodeId: "wait",
          code: "opted_out",
          message: "The contact opted out of all messages",
          params: { scope: "all" },
        },
      },
    ]);
    run.taps("Track order");
    run.timeout();
    expect(run.effects.at(-1)).toMatchObject({ type: "end", status: "cancelled" });
    expect(run.effects).toHaveLength(3);
  });

  it("cancels a sleeping run on an opt-out of everything", () => {
    const run = new RunDriver(starterDocument("appointment-reminder"));
    run.start({ appointment_at: T0 + 72 * HOUR, appointment_time: "Friday" });
    run.feed({ type: "opted_out", scope: "all" });
    expect(run.state).toMatchObject({
      status: "cancelled",
      failure: { nodeId: "day-before", code: "opted_out" },
    });
  });

  it("lets a utility flow go on after a marketing opt-out", () => {
    const run = waiting();
    const before = run.state;
    run.feed({ type: "opted_out", scope: "marketing" });
    expect(run.state).toBe(before);
    run.taps("Track order");
    expect(run.effect).toMatchObject({ stepKey: "tracking-link:1" });
  });

  it("cancels on a marketing opt-out when a marketing template lies ahead, or one it cannot classify", () => {
    const withOffer = (templateName: string): FlowDocument =>
      flow(
        [
          keywordTrigger(),
          node("wait-for-reply", "wait", { branches: [buttonBranch("yes", "Yes")] }),
          node("condition", "vip", {
            rules: [{ path: "contact.attributes.tier", op: "equals", value: "gold", values: [] }],
          }),
          node("template-send", "offer", { templateName, language: "en_US", variables: { "body.1": "x" } }),
        ],
        [edge("start", "next", "wait"), edge("wait", "timeout", "vip"), edge("vip", "true", "offer")],
      );
    for (const [template, cancels] of [
      ["spring_sale", true],
      ["no_such_template", true],
      ["appointment_reminder", false],
    ] as const) {
      const run = new RunDriver(withOffer(template));
      run.start();
      run.feed({ type: "opted_out", scope: "marketing" });
      expect(run.state.status, template).toBe(cancels ? "cancelled" : "waiting");
    }
  });

  it("looks ahead through loops, and counts a template-send it cannot read as marketing", () => {
    const looping = new RunDriver(remindUntilAnswered());
    looping.start(ORDER);
    looping.sent();
    looping.feed({ type: "opted_out", scope: "marketing" });
    expect(looping.state.status).toBe("waiting");

    const doc = remindUntilAnswered();
    doc.nodes.push({ ...node("template-send", "mystery"), config: "unreadable" } as unknown as FlowNode);
    doc.edges.push(edge("done", "sent", "mystery"));
    const unreadable = new RunDriver(doc);
    unreadable.start(ORDER);
    unreadable.sent();
    unreadable.feed({ type: "opted_out", scope: "marketing" });
    expect(unreadable.state.status).toBe("cancelled");
  });

  it("reads an opt-out node without a scope as marketing, the schema's default", () => {
    const doc = flow([keywordTrigger(), node("opt-out", "bye")], [edge("start", "next", "bye")]);
    doc.nodes[1] = { ...doc.nodes[1], config: undefined } as unknown as FlowNode;
    const marketing = new RunDriver(doc);
    marketing.start();
    expect(marketing.effect).toMatchObject({ type: "suppress", scope: "marketing" });
    marketing.feed({ type: "opted_out", scope: "marketing" });
    expect(marketing.state.status).toBe("running");
    marketing.feed({ type: "opted_out", scope: "all" });
    expect(marketing.state.status).toBe("cancelled");
  });

  it("ignores the run's own suppression reported back while it is at the opt-out node", () => {
    const doc = (scope: "marketing" | "all") =>
      flow(
        [keywordTrigger(), node("opt-out", "bye", { scope, confirmationText: "Bye {{contact.name}}" })],
        [edge("start", "next", "bye")],
      );
    const all = new RunDriver(doc("all"), { lastInboundAt: T0 });
    all.start();
    all.feed({ type: "opted_out", scope: "all" });
    all.feed({ type: "opted_out", scope: "marketing" });
    expect(all.effects).toHaveLength(1);
    all.suppressed();
    expect(all.effect).toMatchObject({ stepKey: "bye:1:confirmation", content: { body: "Bye Sara" } });
    all.feed({ type: "opted_out", scope: "all" });
    all.sent();
    expect(all.state.status).toBe("completed");

    const marketing = new RunDriver(doc("marketing"), { lastInboundAt: T0 });
    marketing.start();
    marketing.feed({ type: "opted_out", scope: "marketing" });
    expect(marketing.state.status).toBe("running");
    marketing.feed({ type: "opted_out", scope: "all" });
    expect(marketing.state).toMatchObject({ status: "cancelled", failure: { code: "opted_out" } });
  });
});

describe("a path through a failed output", () => {
  it("records why the node failed, and goes on", () => {
    const doc = flow(
      [
        keywordTrigger(),
        node("send-text", "hello", { text: "Hello" }),
        node("send-text", "sorry", { text: "Sorry" }),
      ],
      [edge("start", "next", "hello"), edge("hello", "failed", "sorry")],
    );
    const run = new RunDriver(doc);
    run.start();
    run.sendFailed(131047, "Re-engagement message");
    expect(run.effect).toMatchObject({ stepKey: "sorry:1" });
    expect(run.state.path[1]).toEqual({
      nodeId: "hello",
      visit: 1,
      handle: "failed",
      at: T0,
      failure: {
        nodeId: "hello",
        code: "send_failed",
        message: "WhatsApp did not deliver the message (error 131047): Re-engagement message",
        params: { code: 131047, message: "Re-engagement message" },
      },
    });
    expect(run.state.failure).toBeUndefined();
  });
});
