import { LIMITS } from "../whatsapp/payloads";
import { SERVICE_WINDOW_MS } from "../whatsapp/window";
import { stepFailure } from "./engine-failures";
import type { ResumeInput, RunContext, RunScope, StepFailure, StepResult } from "./engine-types";
import { render } from "./interpolate";

/** Helpers shared by the node steps that send: filling texts, the 24-hour window, send outcomes. */

/**
 * A free-form text filled from the scope, or why it cannot be sent: a missing value (the run must not
 * send "Hi , your order  has shipped"), nothing left to send, or more than WhatsApp accepts.
 */
export function renderMessage(
  text: string,
  scope: Readonly<RunScope>,
  field: string,
): { ok: true; text: string } | { ok: false; failure: StepFailure } {
  const rendered = render(text, scope);
  if (rendered.missing.length > 0) {
    return {
      ok: false,
      failure: stepFailure("missing_variable", { field, expression: text, paths: rendered.missing }),
    };
  }
  if (rendered.text.trim() === "") return { ok: false, failure: stepFailure("message_empty", { field }) };
  const length = [...rendered.text].length;
  if (length > LIMITS.textBody) {
    return { ok: false, failure: stepFailure("message_too_long", { field, length, max: LIMITS.textBody }) };
  }
  return { ok: true, text: rendered.text };
}

/**
 * When the contact last wrote, as far as the run knows: the later of the contact's last inbound message
 * (as the shell reports it) and the run's last reply. Null when they never wrote; undefined when the
 * shell does not say and the run has had no reply.
 */
export function lastInboundAt(ctx: RunContext & { scope: Readonly<RunScope> }): number | null | undefined {
  const reply = ctx.scope.reply?.at;
  const known = ctx.lastInboundAt;
  if (typeof known === "number") return reply === undefined ? known : Math.max(known, reply);
  return reply ?? known;
}

/**
 * Why a free-form message may not be sent now, or undefined when it may: outside the 24-hour
 * customer-service window Meta refuses it (131047). When the window is not known the send goes ahead
 * and Meta decides.
 */
export function outsideWindow(ctx: RunContext & { scope: Readonly<RunScope> }): StepFailure | undefined {
  const last = lastInboundAt(ctx);
  if (last === undefined || (last !== null && ctx.now - last < SERVICE_WINDOW_MS)) return undefined;
  return stepFailure("outside_window", { lastInboundAt: last });
}

/** A send's outcome: `sent`, or the `failed` output carrying Meta's reason. */
export function sendOutcome(input: ResumeInput): StepResult {
  if (input.type === "sent") return { type: "continue", handle: "sent" };
  if (input.type === "send_failed") {
    return {
      type: "continue",
      handle: "failed",
      failure: stepFailure("send_failed", { code: input.code, message: input.message }),
    };
  }
  return unexpectedInput(input);
}

/**
 * An input a node cannot take. The engine only passes inputs that answer the outstanding effect's kind,
 * so this means a stored state and a document that do not belong together.
 */
export function unexpectedInput(input: ResumeInput): StepResult {
  return {
    type: "fail",
    failure: stepFailure("state_invalid", { detail: `this step cannot take a “${input.type}” input` }),
  };
}
