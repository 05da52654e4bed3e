import type { EngineFailureCode } from "../flow/engine-failures";
import type { RunState } from "../flow/engine-types";
import { describeMetaError } from "../whatsapp/errors";

/**
 * When a failed run may be retried from the step it failed at (issue #6, run management). A retry enters
 * the failed node again as a new visit of the same pinned version (lib/flow/engine.ts retryFailedRun), so
 * a send in it is a new message with a new step key. That is safe only if the contact cannot end up with a
 * message twice and the retry can actually get further than the first attempt:
 *
 * - the run failed (not cancelled, not still running) at a node, and its failure can change with the world
 *   rather than with the document: a send Meta refused, a template that was not approved, a value missing
 *   from the contact, the 24-hour window. A document problem (invalid settings, a missing step, an unknown
 *   node type), a runaway loop (step_limit) or an engine bug (engine_error) would fail the same way on the
 *   same pinned version: fix the flow, publish and start a new run instead;
 * - the version it is pinned to is still the flow's published version (a run finishes on the version it
 *   started with; once a newer one is published, or the flow is archived, a new run is the way on);
 * - the contact still exists and has not opted out of everything (a marketing opt-out is checked by
 *   every send, as for any run);
 * - nothing of the failed visit went out: each message recorded for it either never reached Meta (no
 *   row, refused before the call) or Meta refused it (status failed: a permanent error; or a single
 *   attempt answered with a retryable error). A message Meta accepted (it has a wamid) went out; one whose
 *   request timed out, or whose answer was never recorded, may have gone out. So may one tried several
 *   times: the row keeps only the last attempt's error, and an earlier attempt may have timed out. All of
 *   these make the retry unsafe;
 * - no other run of the same flow is running for the contact (one active run per contact per flow).
 */

/** Why a run cannot be retried; the UI translates these (runs.retry.reasons, errors.reason.retry_*). */
export const RETRY_REFUSALS = [
  "not_failed",
  "no_failed_step",
  "failure_not_retryable",
  "version_changed",
  "flow_not_published",
  "contact_deleted",
  "contact_opted_out",
  "message_sent",
  "outcome_unknown",
  "other_run_active",
] as const;
export type RetryRefusal = (typeof RETRY_REFUSALS)[number];

/**
 * Failures a retry can get past without a new version: they depend on templates, the contact, the
 * window, the WhatsApp connection or Meta. `retries_exhausted` arrives as send_failed with that code.
 */
const RETRYABLE_FAILURES: ReadonlySet<EngineFailureCode> = new Set<EngineFailureCode>([
  "send_failed",
  "template_unavailable",
  "outside_window",
  "missing_variable",
  "empty_variable",
  "message_empty",
  "message_too_long",
  "until_missing",
  "until_invalid",
]);

/** A message recorded for the failed visit (messages with its step key). */
export interface RetryMessageFact {
  wamid: string | null;
  status: string;
  /** The last attempt's error: Meta's code, or TIMEOUT_ERROR_CODE when Meta did not answer; null when none. */
  errorCode: number | null;
  /** Graph calls that got an answer or timed out (messages.attempts). */
  attempts: number;
}

export interface RetryFacts {
  /** runs.status */
  status: string;
  /** runs.state: the engine state the run failed in. */
  state: RunState | null;
  pinnedVersion: number;
  flow: { status: string; publishedVersion: number | null };
  contact: { exists: boolean; optedOutOfAll: boolean };
  /** Messages recorded under the failed visit's step key (and its suffixed keys). */
  messages: readonly RetryMessageFact[];
  /** Another run of the flow is running for the contact. */
  otherRunActive: boolean;
}

/** The node visit a failed run stopped at. */
export interface FailedStep {
  nodeId: string;
  visit: number;
  /** `${nodeId}:${visit}`: the run_steps key, and the messages' step key (or its prefix). */
  stepKey: string;
}

export type RetryDecision =
  ({ safe: true } & FailedStep) | { safe: false; reason: RetryRefusal; step: FailedStep | null };

/** The visit a failed state stopped at, when its failure is tied to a node. */
export function failedStepOf(state: RunState | null): FailedStep | null {
  const nodeId = state?.status === "failed" ? state.failure?.nodeId : null;
  if (!state || !nodeId) return null;
  const visit = state.visits[nodeId] ?? 1;
  return { nodeId, visit, stepKey: `${nodeId}:${visit}` };
}

/** Whether a message may have reached the contact: see the module comment. */
export function messageMayHaveGoneOut(message: RetryMessageFact): "sent" | "unknown" | false {
  if (message.wamid) return "sent";
  if (message.status === "failed") return false;
  if (message.errorCode === null || message.attempts !== 1) return "unknown";
  return describeMetaError(message.errorCode).kind === "timeout" ? "unknown" : false;
}

/** Decides whether a retry is safe, or why not (the first reason that applies). */
export function decideRetry(facts: RetryFacts): RetryDecision {
  const step = failedStepOf(facts.state);
  const refuse = (reason: RetryRefusal): RetryDecision => ({ safe: false, reason, step });
  if (facts.status !== "failed" || facts.state?.status !== "failed") return refuse("not_failed");
  if (!step) return refuse("no_failed_step");
  const code = facts.state.failure?.code;
  if (!code || !RETRYABLE_FAILURES.has(code)) return refuse("failure_not_retryable");
  if (facts.flow.status !== "published" || facts.flow.publishedVersion === null) {
    return refuse("flow_not_published");
  }
  if (facts.flow.publishedVersion !== facts.pinnedVersion) return refuse("version_changed");
  if (!facts.contact.exists) return refuse("contact_deleted");
  if (facts.contact.optedOutOfAll) return refuse("contact_opted_out");
  const outcomes = facts.messages.map(messageMayHaveGoneOut);
  if (outcomes.includes("sent")) return refuse("message_sent");
  if (outcomes.includes("unknown")) return refuse("outcome_unknown");
  if (facts.otherRunActive) return refuse("other_run_active");
  return { safe: true, ...step };
}
