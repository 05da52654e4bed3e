import { describe, expect, it } from "vitest";
import { advance, retryFailedRun } from "./engine";
import { RunDriver, SARA, runContext } from "./engine-testing";
import { starterDocument, SAMPLE_TEMPLATES } from "./starters";

const doc = starterDocument("order-shipped");
const event = { order_id: "#1042", tracking_url: "https://track.example/1042" };

/** A run of the order-shipped starter that failed at its template send (the `failed` output is unconnected). */
function failedAtNotify() {
  const run = new RunDriver(doc);
  run.start(event);
  run.sendFailed(131047, "Re-engagement message");
  return run;
}

describe("retrying a failed run from the failed step", () => {
  it("enters the failed node again as a new visit, so its send has a new step key", () => {
    const run = failedAtNotify();
    expect(run.state.status).toBe("failed");
    const retried = retryFailedRun(doc, run.state, runContext());
    expect(retried.state.status).toBe("running");
    expect(retried.state.failure).toBeUndefined();
    expect(retried.effects).toMatchObject([
      {
        type: "send",
        stepKey: "notify:2",
        nodeId: "notify",
        content: { type: "template", name: "order_shipped" },
      },
    ]);
    expect(retried.state.at).toMatchObject({ nodeId: "notify", visit: 2, stepKey: "notify:2" });
  });

  it("keeps the failed visit on the path, marked with its failure", () => {
    const run = failedAtNotify();
    const retried = retryFailedRun(doc, run.state, runContext());
    expect(retried.state.path.map((p) => [p.nodeId, p.visit, p.failure?.code ?? null])).toEqual([
      ["trigger", 1, null],
      ["notify", 1, "send_failed"],
      ["notify", 2, null],
    ]);
    expect(retried.state.path[1]?.failure?.params).toEqual({
      code: 131047,
      message: "Re-engagement message",
    });
  });

  it("continues from there as any run does: sent, then the wait", () => {
    const run = failedAtNotify();
    const retried = retryFailedRun(doc, run.state, runContext());
    const after = advance(
      doc,
      retried.state,
      { type: "sent", stepKey: "notify:2", wamid: "w" },
      runContext(),
    );
    expect(after.state.status).toBe("waiting");
    expect(after.effects).toMatchObject([{ type: "wait_for_reply", stepKey: "wait:1" }]);
  });

  it("reads the templates as they are now: a template approved again is sent", () => {
    const paused = SAMPLE_TEMPLATES.map((t) =>
      t.name === "order_shipped" ? { ...t, status: "PAUSED" as const } : t,
    );
    const run = new RunDriver(doc, { templates: paused });
    run.start(event);
    expect(run.state.failure).toMatchObject({ nodeId: "notify", code: "template_unavailable" });
    const stillPaused = retryFailedRun(doc, run.state, runContext({ templates: paused }));
    expect(stillPaused.state.failure).toMatchObject({ nodeId: "notify", code: "template_unavailable" });
    expect(stillPaused.state.path.filter((p) => p.nodeId === "notify")).toHaveLength(2);
    const approved = retryFailedRun(doc, run.state, runContext());
    expect(approved.effects).toMatchObject([{ type: "send", stepKey: "notify:2" }]);
  });

  it("takes the contact as it is now when the shell passes it", () => {
    const run = new RunDriver(doc);
    run.start(event, { phone: SARA.phone });
    expect(run.state.failure).toMatchObject({ code: "missing_variable" });
    const retried = retryFailedRun(doc, run.state, runContext(), { contact: SARA });
    expect(retried.effects).toMatchObject([{ type: "send", stepKey: "notify:2" }]);
    expect(retried.state.scope.contact.name).toBe("Sara");
  });

  it("leaves alone a run that did not fail, or whose failure is not at a node", () => {
    const running = new RunDriver(doc);
    running.start(event);
    expect(retryFailedRun(doc, running.state, runContext())).toEqual({ state: running.state, effects: [] });
    const noTrigger = new RunDriver({ ...doc, nodes: doc.nodes.filter((n) => n.type !== "trigger") });
    noTrigger.start(event);
    expect(noTrigger.state.failure).toMatchObject({ nodeId: null, code: "trigger_missing" });
    expect(retryFailedRun(doc, noTrigger.state, runContext()).effects).toEqual([]);
  });

  it("does not change the state it was given", () => {
    const run = failedAtNotify();
    const before = structuredClone(run.state);
    retryFailedRun(doc, run.state, runContext());
    expect(run.state).toEqual(before);
  });
});
