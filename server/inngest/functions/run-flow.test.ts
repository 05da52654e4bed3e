import { InngestTestEngine, mockCtx } from "@inngest/test";
import { Inngest, StepError } from "inngest";
import { StepOpCode } from "inngest/types";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  advance,
  retryFailedRun,
  startRun,
  type Advance,
  type Effect,
  type EngineInput,
  type RunState,
} from "@/lib/flow/engine";
import { SAMPLE_TEMPLATES, starterDocument } from "@/lib/flow/starters";
import { failedStepOf } from "@/lib/runs/retry-safety";
import { describeMetaError } from "@/lib/whatsapp/errors";
import { OPTED_OUT_EVENT, REPLY_EVENT, RUN_CANCEL, RUN_REQUESTED } from "@/server/inngest/events";
import { RetryableSendError } from "@/server/services/messages/send-message";
import type * as ExecuteRun from "@/server/services/runs/execute-run";
import type * as StartRuns from "@/server/services/runs/start-runs";
import { createRunFlow, type RunRequestedData } from "./run-flow";

/*
 * Unit tests of run-flow's orchestration (its loop, step ids, waits and error handling) with
 * @inngest/test. The services its steps call are replaced by in-memory fakes that do what the services
 * do minus the database: the pure engine (lib/flow/engine.ts) runs for real on the order-shipped
 * starter and the sample templates. The same function against a database and a local executor is
 * covered by run-flow.int.test.ts.
 */

const services = vi.hoisted(() => ({
  loadRunSetup: vi.fn<typeof ExecuteRun.loadRunSetup>(),
  beginRun: vi.fn<typeof ExecuteRun.beginRun>(),
  beginRetry: vi.fn<typeof ExecuteRun.beginRetry>(),
  applyInput: vi.fn<typeof ExecuteRun.applyInput>(),
  performSend: vi.fn<typeof ExecuteRun.performSend>(),
  performSuppress: vi.fn<typeof ExecuteRun.performSuppress>(),
  findReplySince: vi.fn<typeof ExecuteRun.findReplySince>(),
  startQueuedRun: vi.fn<typeof StartRuns.startQueuedRun>(),
  now: vi.fn<() => number>(),
}));

vi.mock("@/server/services/runs/execute-run", () => ({
  loadRunSetup: services.loadRunSetup,
  beginRun: services.beginRun,
  beginRetry: services.beginRetry,
  applyInput: services.applyInput,
  performSend: services.performSend,
  performSuppress: services.performSuppress,
  findReplySince: services.findReplySince,
}));

vi.mock("@/server/services/runs/start-runs", () => ({ startQueuedRun: services.startQueuedRun }));

// The run's clock is the fakes' clock.
vi.mock("@/server/clock", () => ({ now: services.now }));

type RunSetup = ExecuteRun.RunSetup;
type SendEffect = Extract<Effect, { type: "send" }>;
type WaitEffect = Extract<Effect, { type: "wait_for_reply" }>;

const RUN_ID = "run-1";
const WORKSPACE_ID = "ws-1";
const FLOW_ID = "flow-1";
const CONTACT_ID = "contact-1";
/** The fakes' clock: mid-second, so the wait's lower bound (rounded down to the second) differs from it. */
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0, 500);
const HOUR = 3_600_000;

interface StoredReply {
  messageId: string;
  contactId: string;
  receivedAtMs: number;
  type: string;
  text: string | null;
  buttonId: string | null;
}

/** The database as the services would see it: the run row, the inbound messages, what went out. */
class World {
  clock = T0;
  runStatus = "running";
  runState: RunState | null = null;
  readonly inbox: StoredReply[] = [];
  readonly sent: SendEffect[] = [];
  readonly advances: Advance[] = [];
  /** Errors the send service throws for a step key (as sendMessage would: Meta 429/5xx, a bug …). */
  readonly sendErrors = new Map<string, Error>();

  setup(): RunSetup {
    return {
      runId: RUN_ID,
      workspaceId: WORKSPACE_ID,
      flowId: FLOW_ID,
      version: 1,
      contactId: CONTACT_ID,
      doc: starterDocument("order-shipped"),
      event: { order_id: "#1042", tracking_url: "https://track.example/1042" },
      contact: { phone: "+971501234567", name: "Sara" },
    };
  }

  context() {
    const last = this.inbox.filter((m) => m.contactId === CONTACT_ID).at(-1);
    return { templates: SAMPLE_TEMPLATES, now: this.clock, lastInboundAt: last?.receivedAtMs ?? null };
  }

  record(result: Advance): Advance {
    this.runState = result.state;
    const finished = ["completed", "failed", "cancelled"].includes(result.state.status);
    this.runStatus = finished ? result.state.status : "running";
    this.advances.push(result);
    return result;
  }

  /** The last wait effect the engine asked for. */
  lastWait(): WaitEffect {
    const waits = this.advances.flatMap((a) => a.effects).filter((e) => e.type === "wait_for_reply");
    const wait = waits.at(-1);
    if (!wait) throw new Error("the engine never asked to wait");
    return wait;
  }

  install(): void {
    services.loadRunSetup.mockImplementation(async (runId, retry) => {
      if (runId !== RUN_ID) throw new Error(`run ${runId} does not exist`);
      if (!retry) return this.setup();
      const state = this.runState;
      if (this.runStatus !== "running" || !state || failedStepOf(state)?.stepKey !== retry.fromStepKey) {
        return null;
      }
      return { ...this.setup(), retryFrom: state };
    });
    services.beginRun.mockImplementation(async (setup) =>
      this.record(
        startRun(
          setup.doc,
          { type: "start", event: setup.event, contact: setup.contact, triggerNodeId: setup.triggerNodeId },
          this.context(),
        ),
      ),
    );
    services.beginRetry.mockImplementation(async (setup) =>
      this.record(retryFailedRun(setup.doc, setup.retryFrom, this.context(), { contact: setup.contact })),
    );
    services.applyInput.mockImplementation(async (setup, state, input) =>
      this.record(advance(setup.doc, state, input, this.context())),
    );
    services.performSend.mockImplementation(async (_setup, effect) => {
      const error = this.sendErrors.get(effect.stepKey);
      if (error) throw error;
      this.sent.push(effect);
      const n = this.sent.length;
      return {
        input: { type: "sent", stepKey: effect.stepKey, wamid: `wamid.${n}` },
        detail: { messageId: `msg-${n}`, sendKey: effect.stepKey },
      };
    });
    services.performSuppress.mockImplementation(async (_setup, effect) => ({
      input: { type: "suppressed", stepKey: effect.stepKey },
      detail: { scope: effect.scope, added: true },
    }));
    services.findReplySince.mockImplementation(async (setup, sinceMs, taken = []) => {
      const found = this.inbox.find(
        (m) => m.contactId === setup.contactId && m.receivedAtMs >= sinceMs && !taken.includes(m.messageId),
      );
      if (!found) return null;
      return { messageId: found.messageId, text: found.text, buttonId: found.buttonId, type: found.type };
    });
    services.startQueuedRun.mockResolvedValue(null);
    services.now.mockImplementation(() => this.clock);
  }
}

let world: World;

beforeEach(() => {
  vi.clearAllMocks();
  world = new World();
  world.install();
});

const client = new Inngest({ id: "test", isDev: true });
const runFlow = createRunFlow(client);

function requested(extra: Partial<RunRequestedData> = {}) {
  const data: RunRequestedData = {
    runId: RUN_ID,
    workspaceId: WORKSPACE_ID,
    flowId: FLOW_ID,
    contactId: CONTACT_ID,
    ...extra,
  };
  return { name: RUN_REQUESTED, data };
}

type ReplyEvent = ReturnType<typeof replyEvent>;

/** The reply event the trigger side sends, as step.waitForEvent hands it back: a tapped button by default. */
function replyEvent(
  messageId: string,
  button: string,
  receivedAtMs: number,
  typed?: { type: string; replyId: null },
) {
  return {
    name: REPLY_EVENT,
    data: {
      contactId: CONTACT_ID,
      workspaceId: WORKSPACE_ID,
      messageId,
      type: typed?.type ?? "button",
      text: button,
      replyId: typed ? typed.replyId : button,
      receivedAt: new Date(receivedAtMs).toISOString(),
      receivedAtMs,
    },
  };
}

/**
 * Stand-ins for what Inngest itself would do, put in through `transformCtx`. Mocking these steps by id
 * (`steps: [{ id, handler }]`) does not work with inngest 4.24: the SDK checks the mock's promise, not
 * its value, so a mocked waitForEvent fails validation ("Event not found in triggers") and a mock that
 * throws is not handed back as the step's error.
 */
interface Doubles {
  /**
   * What step.waitForEvent answers, by step id: the event, null for a timeout, or a function giving
   * either (it may change the world first). Given at all, a wait not listed fails the run instead of
   * hanging the test (an unmocked wait never resolves in @inngest/test).
   */
  waits?: Record<string, ReplyEvent | null | (() => ReplyEvent | null)>;
  /** Steps replayed as failed for good: step.run rejects with this error, as the SDK does on replay. */
  failed?: Record<string, StepError>;
}

/** A fresh engine per test (@inngest/test memoises step handlers per engine). */
function engine(doubles: Doubles = {}, event = requested()): InngestTestEngine {
  return new InngestTestEngine({
    function: runFlow,
    events: [event],
    // Only the engine's own transformCtx applies to every execution of a run (not an inline one).
    transformCtx: (raw) => {
      const ctx = mockCtx(raw);
      const { waits, failed } = doubles;
      if (waits) {
        Object.assign(ctx.step, {
          waitForEvent: vi.fn(async (id: string) => {
            const answer = waits[id];
            if (answer === undefined) throw new Error(`unexpected wait ${id}`);
            return typeof answer === "function" ? answer() : answer;
          }),
        });
      }
      if (failed) {
        const run = ctx.step.run;
        Object.assign(ctx.step, {
          run: vi.fn((id: string, fn: () => unknown) => {
            const error = failed[id];
            return error ? Promise.reject(error) : run(id, fn);
          }),
        });
      }
      return ctx;
    },
  });
}

/** The ids of the step.run calls of the function's last execution, in order (memoised ones included). */
function stepRunIds(calls: readonly unknown[][]): unknown[] {
  return calls.map((call) => call[0]);
}

function inputsApplied(): EngineInput[] {
  return services.applyInput.mock.calls.map((call) => call[2]);
}

function storedReply(messageId: string, button: string, receivedAtMs: number): StoredReply {
  return { messageId, contactId: CONTACT_ID, receivedAtMs, type: "button", text: button, buttonId: button };
}

describe("run-flow: order shipped", () => {
  it("sends the template as step notify:1, once", async () => {
    const { result, step } = await engine().executeStep("notify:1");

    expect(step.op).toBe(StepOpCode.StepRun);
    expect(result).toEqual({
      input: { type: "sent", stepKey: "notify:1", wamid: "wamid.1" },
      detail: { messageId: "msg-1", sendKey: "notify:1" },
    });
    // (executeStep replays the run from the event to reach a runnable step, so "begin" runs twice.)
    expect(services.performSend).toHaveBeenCalledTimes(1);
    expect(world.sent.map((s) => s.stepKey)).toEqual(["notify:1"]);
    expect(world.sent[0]?.content).toMatchObject({ type: "template" });
  });

  it("registers the wait for this contact's reply, from the second the wait began to the engine's deadline", async () => {
    const { step } = await engine().executeStep("wait:1");

    const until = world.lastWait().untilMs;
    expect(until).toBe(T0 + 23 * HOUR);
    const from = Math.floor(T0 / 1000) * 1000;
    expect(step.op).toBe(StepOpCode.WaitForEvent);
    expect(step.name).toBe(REPLY_EVENT);
    expect(step.opts?.timeout).toBe(new Date(until).toISOString());
    const condition = String(step.opts?.if);
    expect(condition).toContain("async.data.contactId == event.data.contactId");
    expect(condition).toContain(`async.data.receivedAtMs >= ${from}`);
    // The database was looked at first: the wait only sees events sent after it is registered.
    expect(services.findReplySince).toHaveBeenCalledWith(
      expect.objectContaining({ runId: RUN_ID }),
      from,
      [],
    );
  });

  it("takes the tapped button's branch and completes with the tracking link", async () => {
    const { result, ctx } = await engine({
      waits: { "wait:1": replyEvent("msg-in-1", "Track order", T0 + 60_000) },
    }).execute();

    expect(result).toEqual({ status: "completed", failure: null });
    expect(ctx.step.waitForEvent).toHaveBeenCalledTimes(1);
    const [id, opts] = ctx.step.waitForEvent.mock.calls[0] ?? [];
    expect(id).toBe("wait:1");
    expect(opts).toMatchObject({ event: REPLY_EVENT, timeout: new Date(world.lastWait().untilMs) });
    expect(opts?.if).toContain("async.data.contactId == event.data.contactId");
    expect(opts?.if).toContain(`async.data.receivedAtMs >= ${Math.floor(T0 / 1000) * 1000}`);
    expect(stepRunIds(ctx.step.run.mock.calls)).toEqual([
      "begin",
      "notify:1",
      "notify:1:next",
      "wait:1:check",
      "wait:1:next",
      "tracking-link:1",
      "tracking-link:1:next",
      "finish",
    ]);
    expect(services.applyInput).toHaveBeenCalledWith(
      expect.anything(),
      expect.anything(),
      {
        type: "reply",
        stepKey: "wait:1",
        reply: { text: "Track order", buttonId: "Track order", type: "button" },
      },
      { "wait:1": { replyMessageId: "msg-in-1" } },
    );
    expect(world.sent.map((s) => s.stepKey)).toEqual(["notify:1", "tracking-link:1"]);
    expect(JSON.stringify(world.sent[1]?.content)).toContain("https://track.example/1042");
    expect(world.runState?.path.map((p) => `${p.nodeId}->${p.handle}`)).toEqual([
      "trigger->next",
      "notify->sent",
      "wait->track",
      "tracking-link->sent",
    ]);
    expect(services.startQueuedRun).toHaveBeenCalledWith(FLOW_ID, CONTACT_ID);
  });

  it("on a timeout looks in the database once more, then leaves through timeout", async () => {
    const { result, ctx } = await engine({ waits: { "wait:1": null } }).execute();

    expect(stepRunIds(ctx.step.run.mock.calls)).toEqual([
      "begin",
      "notify:1",
      "notify:1:next",
      "wait:1:check",
      "wait:1:recheck",
      "wait:1:next",
      "finish",
    ]);
    expect(services.findReplySince).toHaveBeenCalledTimes(2);
    expect(inputsApplied().at(-1)).toEqual({ type: "timeout", stepKey: "wait:1" });
    // The order-shipped starter has no timeout path: the unconnected output ends the run.
    expect(world.runState?.path.at(-1)).toMatchObject({ nodeId: "wait", handle: "timeout" });
    expect(result).toEqual({ status: "completed", failure: null });
    expect(world.sent.map((s) => s.stepKey)).toEqual(["notify:1"]);
  });

  it("on a timeout takes a reply stored while the wait was being registered (inngest#1433)", async () => {
    const lateReply = () => {
      // The reply reached the database, but its event went out before the wait was registered.
      if (world.inbox.length === 0) world.inbox.push(storedReply("msg-in-late", "Talk to us", T0 + 200));
      return null;
    };
    const { result, ctx } = await engine({ waits: { "wait:1": lateReply } }).execute();

    expect(stepRunIds(ctx.step.run.mock.calls)).toContain("wait:1:recheck");
    expect(services.applyInput).toHaveBeenCalledWith(
      expect.anything(),
      expect.anything(),
      expect.objectContaining({ type: "reply", stepKey: "wait:1" }),
      { "wait:1": { replyMessageId: "msg-in-late" } },
    );
    expect(world.sent.map((s) => s.stepKey)).toEqual(["notify:1", "handover:1"]);
    expect(result).toEqual({ status: "completed", failure: null });
  });

  it("keeps waiting after an unmatched reply, from now on and without that reply", async () => {
    const later = T0 + 90_000;
    const unmatched = () => {
      world.clock = later;
      return replyEvent("msg-in-1", "hello", later - 1_000, { type: "text", replyId: null });
    };
    const { result, ctx } = await engine({
      waits: {
        "wait:1": unmatched,
        "wait:1:again-1": replyEvent("msg-in-2", "Talk to us", later + 1_000),
      },
    }).execute();

    expect(stepRunIds(ctx.step.run.mock.calls)).toEqual([
      "begin",
      "notify:1",
      "notify:1:next",
      "wait:1:check",
      "wait:1:next",
      "wait:1:again-1:since",
      "wait:1:again-1:check",
      "wait:1:again-1:next",
      "handover:1",
      "handover:1:next",
      "finish",
    ]);
    expect(services.findReplySince).toHaveBeenLastCalledWith(expect.anything(), T0 + 89_500, ["msg-in-1"]);
    const [, again] = ctx.step.waitForEvent.mock.calls.map((call) => call[1]);
    expect(again?.if).toContain(`async.data.receivedAtMs >= ${T0 + 89_500}`);
    expect(again?.if).toContain("async.data.messageId != 'msg-in-1'");
    // The deadline stays the first wait's.
    expect(again?.timeout).toEqual(new Date(T0 + 23 * HOUR));
    expect(world.sent.map((s) => s.stepKey)).toEqual(["notify:1", "handover:1"]);
    expect(result).toEqual({ status: "completed", failure: null });
  });

  it("takes a reply already in the database without registering a wait", async () => {
    world.inbox.push(storedReply("msg-in-early", "Track order", T0));

    const { result, ctx } = await engine({ waits: {} }).execute();

    expect(ctx.step.waitForEvent).not.toHaveBeenCalled();
    expect(stepRunIds(ctx.step.run.mock.calls)).not.toContain("wait:1:recheck");
    expect(services.findReplySince).toHaveBeenCalledTimes(1);
    expect(world.sent.map((s) => s.stepKey)).toEqual(["notify:1", "tracking-link:1"]);
    expect(result).toEqual({ status: "completed", failure: null });
  });
});

describe("run-flow: send errors", () => {
  it("lets a retryable send error fail the step for Inngest to retry", async () => {
    world.sendErrors.set("notify:1", new RetryableSendError("msg-1", describeMetaError(130429)));

    const { step, error } = await engine().executeStep("notify:1");

    // StepError is the retriable op; StepFailed would end the step for good.
    expect(step.op).toBe(StepOpCode.StepError);
    expect(error).toMatchObject({ name: "RetryableSendError" });
    expect(error).not.toMatchObject({ name: "NonRetriableError" });
    expect(services.applyInput).not.toHaveBeenCalled();
  });

  it("stops at a retryable error when run whole: @inngest/test does not model retries", async () => {
    world.sendErrors.set("notify:1", new RetryableSendError("msg-1", describeMetaError(130429)));

    const { result, error, ctx } = await engine().execute();

    expect(result).toBeUndefined();
    expect(error).toMatchObject({ name: "RetryableSendError" });
    expect(stepRunIds(ctx.step.run.mock.calls)).not.toContain("notify:1:next");
    expect(services.startQueuedRun).not.toHaveBeenCalled();
  });

  it("fails the step for good on a permanent error, then goes on as the engine says", async () => {
    world.sendErrors.set("notify:1", new Error("template parameter missing"));

    const first = await engine().executeStep("notify:1");

    expect(first.step.op).toBe(StepOpCode.StepFailed);
    expect(first.error).toMatchObject({ name: "NonRetriableError", message: "template parameter missing" });
    expect(services.applyInput).not.toHaveBeenCalled();

    // Inngest calls the function again with the step's error as its state: step.run rejects with it.
    const failed = new StepError("notify:1", first.error);
    const { result, ctx } = await engine({ failed: { "notify:1": failed } }).execute();

    expect(services.performSend).toHaveBeenCalledTimes(1);
    expect(inputsApplied()).toEqual([
      {
        type: "send_failed",
        stepKey: "notify:1",
        code: "retries_exhausted",
        message: "template parameter missing",
      },
    ]);
    expect(services.applyInput).toHaveBeenCalledWith(
      expect.anything(),
      expect.anything(),
      expect.anything(),
      {
        "notify:1": { refused: "retries_exhausted" },
      },
    );
    // The starter's template send has no failed path: the engine fails the run at that node.
    const failure = world.runState?.failure;
    expect(failure?.nodeId).toBe("notify");
    expect(world.runState?.path.at(-1)).toMatchObject({ nodeId: "notify", handle: "failed" });
    expect(result).toEqual({ status: "failed", failure: failure?.code });
    expect(stepRunIds(ctx.step.run.mock.calls)).toEqual(["begin", "notify:1", "notify:1:next", "finish"]);
  });
});

describe("run-flow: retries of a failed run", () => {
  it("ignores a retry event for a run that is no longer failed at that step", async () => {
    world.runStatus = "completed";
    const { result, ctx } = await engine({}, requested({ retry: { fromStepKey: "notify:1" } })).execute();

    expect(result).toEqual({ status: "ignored", failure: null });
    expect(services.loadRunSetup).toHaveBeenCalledWith(RUN_ID, { fromStepKey: "notify:1" });
    expect(services.beginRun).not.toHaveBeenCalled();
    expect(services.beginRetry).not.toHaveBeenCalled();
    expect(stepRunIds(ctx.step.run.mock.calls)).toEqual(["begin"]);
    expect(services.startQueuedRun).not.toHaveBeenCalled();
  });

  it("re-opens the failed node as a new visit, with new step ids", async () => {
    // The run failed at notify:1; retry-run marked the row running again and sent this event.
    const setup = world.setup();
    const begun = startRun(
      setup.doc,
      { type: "start", event: setup.event, contact: setup.contact },
      world.context(),
    );
    const failedAt = advance(
      setup.doc,
      begun.state,
      { type: "send_failed", stepKey: "notify:1", code: 132001, message: "template does not exist" },
      world.context(),
    );
    world.runState = failedAt.state;
    world.runStatus = "running";

    const { result, ctx } = await engine(
      { waits: { "wait:1": replyEvent("msg-in-2", "Talk to us", T0 + 1_000) } },
      requested({ retry: { fromStepKey: "notify:1" } }),
    ).execute();

    expect(services.beginRetry).toHaveBeenCalledTimes(1);
    expect(services.beginRun).not.toHaveBeenCalled();
    expect(stepRunIds(ctx.step.run.mock.calls).slice(0, 3)).toEqual(["begin", "notify:2", "notify:2:next"]);
    expect(world.sent.map((s) => s.stepKey)).toEqual(["notify:2", "handover:1"]);
    expect(result).toEqual({ status: "completed", failure: null });
  });
});

describe("run-flow: configuration", () => {
  it("is cancelled by an opt-out of everything and by a run cancel", () => {
    const cancelOn = runFlow.opts.cancelOn ?? [];
    const optOut = cancelOn.find((c) => c.event === OPTED_OUT_EVENT);
    expect(optOut?.if).toContain("async.data.contactId == event.data.contactId");
    expect(optOut?.if).toContain("async.data.scope == 'all'");
    // A run's own opt-out node must not cancel it.
    expect(optOut?.if).toContain("async.data.originRunId != event.data.runId");
    const cancel = cancelOn.find((c) => c.event === RUN_CANCEL);
    expect(cancel?.if).toBe("async.data.runId == event.data.runId");
    expect(runFlow.opts.triggers).toEqual([{ event: RUN_REQUESTED }]);
    expect(runFlow.opts.retries).toBeGreaterThan(0);
  });
});
