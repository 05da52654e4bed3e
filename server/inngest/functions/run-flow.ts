import "server-only";
import { NonRetriableError, type Inngest } from "inngest";
import type { Advance, EngineInput, RunState } from "@/lib/flow/engine";
import { now } from "@/server/clock";
import { RetryableSendError } from "@/server/services/messages/send-message";
import {
  applyInput,
  beginRetry,
  beginRun,
  findReplySince,
  loadRunSetup,
  performSend,
  performSuppress,
  type RunRetryRequest,
} from "@/server/services/runs/execute-run";
import { startQueuedRun } from "@/server/services/runs/start-runs";

import { OPTED_OUT_EVENT, REPLY_EVENT, RUN_CANCEL, RUN_REQUESTED } from "@/server/inngest/events";

export interface RunRequestedData {
  runId: string;
  workspaceId: string;
  flowId: string;
  contactId: string;
  /** Set on a retry from the failed step (server/services/runs/retry-run.ts); its event id is its own. */
  retry?: RunRetryRequest;
}

/** The reply event the trigger side sends for every inbound message (server/events.ts → Inngest). */
interface ReplyEventData {
  contactId: string;
  workspaceId: string;
  messageId: string;
  type: string;
  text: string | null;
  replyId: string | null;
  receivedAt: string;
}

/**
 * One Inngest function run per flow run. It loops: the pure engine (lib/flow/engine.ts) says what to do
 * next, and each effect is one durable step with the deterministic id `<nodeId>:<visit>`:
 * - send / suppress: `step.run` (the send service sends a (run, step) once however often it is retried;
 *   retryable Meta errors are retried by Inngest, permanent ones end as the node's `failed` output);
 * - wait for a reply: record the moment, look in the database for a reply that is already there, else
 *   `step.waitForEvent("whatsapp/reply")` for this contact, and on timeout look once more (inngest#1433);
 * - delay: `step.sleepUntil`.
 * Every engine step writes the run row and its history, so the run pages need no Inngest API. The run is
 * pinned to the published version it started on. An opt-out (scope all) of the contact cancels it.
 *
 * A retry of a failed run is a new function run of the same run (its own event id): instead of starting
 * from the trigger it re-opens the failed state read by "begin" (the failed node as a new visit, so new
 * step ids and new send keys) and then loops the same way.
 */
export function createRunFlow(client: Inngest) {
  return client.createFunction(
    {
      id: "run-flow",
      name: "Run a flow",
      triggers: [{ event: RUN_REQUESTED }],
      retries: 5,
      cancelOn: [
        {
          event: OPTED_OUT_EVENT,
          if: "async.data.contactId == event.data.contactId && async.data.scope == 'all' && async.data.originRunId != event.data.runId",
        },
        { event: RUN_CANCEL, if: "async.data.runId == event.data.runId" },
      ],
    },
    async ({ event, step }) => {
      const data = event.data as RunRequestedData;
      // One step reads the run and takes its first engine step: each step is a call from Inngest, and
      // this one stands between the event and the first message.
      const begun = await step.run("begin", async () => {
        const loaded = await loadRunSetup(data.runId, data.retry);
        if (!loaded) return null;
        const { retryFrom } = loaded;
        const advance = retryFrom ? await beginRetry({ ...loaded, retryFrom }) : await beginRun(loaded);
        return { setup: loaded, advance };
      });
      // A retry event for a run that is no longer that failed run (a duplicate, or it was retried already).
      if (!begun) return { status: "ignored", failure: null };
      const { setup } = begun;
      let current: Advance = begun.advance;
      /** Replies this run has already taken (an unmatched one must not answer the wait that follows it). */
      const taken: string[] = [];
      for (let guard = 0; guard < 2_000; guard++) {
        const effect = current.effects[0];
        const state: RunState = current.state;
        if (!effect || effect.type === "end") break;
        const key = effect.stepKey;
        switch (effect.type) {
          case "send": {
            let outcome: { input: EngineInput; detail: Record<string, unknown> };
            try {
              outcome = await step.run(key, async () => {
                try {
                  return await performSend(setup, effect);
                } catch (error) {
                  if (error instanceof RetryableSendError) throw error;
                  throw new NonRetriableError(error instanceof Error ? error.message : String(error));
                }
              });
            } catch (error) {
              // Retries exhausted (Meta kept answering 429/5xx) or an unexpected permanent error.
              outcome = {
                input: {
                  type: "send_failed",
                  stepKey: key,
                  code: "retries_exhausted",
                  message: error instanceof Error ? error.message : String(error),
                },
                detail: { refused: "retries_exhausted" },
              };
            }
            const detail = { [visitKey(state)]: outcome.detail };
            current = await step.run(`${key}:next`, () => applyInput(setup, state, outcome.input, detail));
            break;
          }
          case "suppress": {
            const outcome = await step.run(key, () => performSuppress(setup, effect));
            current = await step.run(`${key}:next`, () => applyInput(setup, state, outcome.input));
            break;
          }
          case "sleep": {
            await step.sleepUntil(key, new Date(effect.untilMs));
            current = await step.run(`${key}:next`, () =>
              applyInput(setup, state, { type: "slept", stepKey: key }),
            );
            break;
          }
          case "wait_for_reply": {
            // Replies count from the moment the run reached the wait (before the wait is registered); a
            // wait resumed after an unmatched reply counts from now, so that reply is not read twice.
            const arrivedAt = state.at?.sequence === 0 ? state.path.at(-1)?.at : undefined;
            const since = arrivedAt ?? (await step.run(`${key}:since`, () => now()));
            // Meta stamps messages to the second: count from the start of the second the wait began.
            const from = Math.floor(since / 1000) * 1000;
            const early = await step.run(`${key}:check`, () => findReplySince(setup, from, taken));
            let reply = early;
            if (!reply) {
              const arrived = await step.waitForEvent(key, {
                event: REPLY_EVENT,
                timeout: new Date(effect.untilMs),
                if: [
                  "async.data.contactId == event.data.contactId",
                  `async.data.receivedAtMs >= ${from}`,
                  ...taken.map((id) => `async.data.messageId != '${id}'`),
                ].join(" && "),
              });
              if (arrived) {
                const d = arrived.data as ReplyEventData;
                reply = { messageId: d.messageId, text: d.text, buttonId: d.replyId, type: d.type };
              } else {
                reply = await step.run(`${key}:recheck`, () => findReplySince(setup, from, taken));
              }
            }
            if (reply) taken.push(reply.messageId);
            const input: EngineInput = reply
              ? {
                  type: "reply",
                  stepKey: key,
                  reply: { text: reply.text, buttonId: reply.buttonId, type: reply.type },
                }
              : { type: "timeout", stepKey: key };
            const detail = reply ? { [visitKey(state)]: { replyMessageId: reply.messageId } } : {};
            current = await step.run(`${key}:next`, () => applyInput(setup, state, input, detail));
            break;
          }
        }
      }
      await step.run("finish", () => startQueuedRun(data.flowId, data.contactId));
      return { status: current.state.status, failure: current.state.failure?.code ?? null };
    },
  );
}

/** The run_steps key of the node visit whose effect is outstanding. */
function visitKey(state: RunState): string {
  return state.at ? `${state.at.nodeId}:${state.at.visit}` : "";
}
