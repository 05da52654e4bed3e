import { describe, expect, it } from "vitest";
import { RunDriver } from "../flow/engine-testing";
import type { RunState } from "../flow/engine-types";
import { starterDocument } from "../flow/starters";
import { TIMEOUT_ERROR_CODE } from "../whatsapp/errors";
import { decideRetry, failedStepOf, type RetryFacts } from "./retry-safety";

const doc = starterDocument("order-shipped");
const event = { order_id: "#1042", tracking_url: "https://track.example/1042" };

function failedState(code: number | string = 131047): RunState {
  const run = new RunDriver(doc);
  run.start(event);
  run.sendFailed(code, "refused");
  return run.state;
}

function facts(overrides: Partial<RetryFacts> = {}): RetryFacts {
  return {
    status: "failed",
    state: failedState(),
    pinnedVersion: 2,
    flow: { status: "published", publishedVersion: 2 },
    contact: { exists: true, optedOutOfAll: false },
    messages: [{ wamid: null, status: "failed", errorCode: 131047, attempts: 1 }],
    otherRunActive: false,
    ...overrides,
  };
}

describe("whether a failed run may be retried from the failed step", () => {
  it("is safe when Meta refused the send permanently: nothing went out", () => {
    expect(decideRetry(facts())).toEqual({ safe: true, nodeId: "notify", visit: 1, stepKey: "notify:1" });
  });

  it("is safe when the send never reached Meta (no message recorded)", () => {
    expect(decideRetry(facts({ messages: [] })).safe).toBe(true);
  });

  it("is safe when Meta answered the only attempt with a rate limit", () => {
    const state = failedState("retries_exhausted");
    const decision = decideRetry(
      facts({ state, messages: [{ wamid: null, status: "pending", errorCode: 130429, attempts: 1 }] }),
    );
    expect(decision.safe).toBe(true);
  });

  it("is not safe after several attempts: only the last one's error is known, an earlier one may have timed out", () => {
    const state = failedState("retries_exhausted");
    const decision = decideRetry(
      facts({ state, messages: [{ wamid: null, status: "pending", errorCode: 130429, attempts: 6 }] }),
    );
    expect(decision).toMatchObject({ safe: false, reason: "outcome_unknown" });
  });

  it("is not safe when the last attempt timed out: the message may have gone out", () => {
    const decision = decideRetry(
      facts({
        state: failedState("retries_exhausted"),
        messages: [{ wamid: null, status: "pending", errorCode: TIMEOUT_ERROR_CODE, attempts: 1 }],
      }),
    );
    expect(decision).toMatchObject({ safe: false, reason: "outcome_unknown" });
  });

  it("is not safe when a message was recorded but no answer from Meta was", () => {
    const decision = decideRetry(
      facts({ messages: [{ wamid: null, status: "pending", errorCode: null, attempts: 0 }] }),
    );
    expect(decision).toMatchObject({ safe: false, reason: "outcome_unknown" });
  });

  it("is not safe when Meta accepted the message, even if it failed later", () => {
    const decision = decideRetry(
      facts({ messages: [{ wamid: "wamid.1", status: "failed", errorCode: 131026, attempts: 1 }] }),
    );
    expect(decision).toMatchObject({ safe: false, reason: "message_sent" });
  });

  it("refuses a run that did not fail", () => {
    expect(decideRetry(facts({ status: "completed" }))).toMatchObject({ reason: "not_failed" });
    expect(decideRetry(facts({ status: "running" }))).toMatchObject({ reason: "not_failed" });
  });

  it("refuses failures the pinned version would repeat: a loop, a broken step, an engine error", () => {
    const base = failedState();
    for (const code of ["step_limit", "invalid_config", "node_missing", "engine_error"] as const) {
      const state: RunState = {
        ...base,
        failure: { nodeId: "notify", code, message: "", params: {} },
      };
      expect(decideRetry(facts({ state }))).toMatchObject({ safe: false, reason: "failure_not_retryable" });
    }
  });

  it("refuses a failure that is not at a step", () => {
    const base = failedState();
    const state: RunState = {
      ...base,
      failure: { nodeId: null, code: "trigger_missing", message: "", params: {} },
    };
    expect(decideRetry(facts({ state }))).toMatchObject({
      safe: false,
      reason: "no_failed_step",
      step: null,
    });
  });

  it("refuses once a newer version is published, or the flow is no longer published", () => {
    expect(decideRetry(facts({ flow: { status: "published", publishedVersion: 3 } }))).toMatchObject({
      reason: "version_changed",
    });
    expect(decideRetry(facts({ flow: { status: "archived", publishedVersion: 2 } }))).toMatchObject({
      reason: "flow_not_published",
    });
  });

  it("refuses when the contact was deleted or opted out of everything", () => {
    expect(decideRetry(facts({ contact: { exists: false, optedOutOfAll: false } }))).toMatchObject({
      reason: "contact_deleted",
    });
    expect(decideRetry(facts({ contact: { exists: true, optedOutOfAll: true } }))).toMatchObject({
      reason: "contact_opted_out",
    });
  });

  it("refuses while another run of the flow is running for the contact", () => {
    expect(decideRetry(facts({ otherRunActive: true }))).toMatchObject({
      safe: false,
      reason: "other_run_active",
      step: { stepKey: "notify:1" },
    });
  });

  it("names the visit a run failed at", () => {
    expect(failedStepOf(failedState())).toEqual({ nodeId: "notify", visit: 1, stepKey: "notify:1" });
    expect(failedStepOf(null)).toBeNull();
  });
});
