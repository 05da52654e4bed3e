import type { RunFailure, StepFailure } from "./engine-types";

/**
 * Why a run fails or is cancelled, or why a node leaves through its `failed` output: one table of codes
 * with their parameters and English messages. The run history shows the message; the UI will translate
 * by code with the same parameters.
 */
export interface EngineFailureParams {
  /** A `{{…}}` value the message needs is absent (undefined or null) in the event, contact or reply. */
  missing_variable: { field: string; expression: string; paths: string[] };
  /** A template variable is blank once filled: Meta refuses empty parameters. */
  empty_variable: { field: string; expression: string };
  /** A variable the template requires has no mapping (a document published without validation). */
  variable_unmapped: { field: string };
  /** A free-form text is blank once filled. */
  message_empty: { field: string };
  message_too_long: { field: string; length: number; max: number };
  /** A free-form message outside the 24-hour customer-service window (Meta would answer 131047). */
  outside_window: { lastInboundAt: number | null };
  /** The template is missing, or not APPROVED at the moment of sending (paused, disabled …). */
  template_unavailable: { template: string; language: string; status: string | null };
  /** The send failed permanently after the shell's retries. */
  send_failed: { code: number | string; message: string };
  /** A delay's "until" time is absent from the context. */
  until_missing: { path: string };
  until_invalid: { path: string; value: string };
  /** A runaway loop: more steps than MAX_RUN_STEPS. */
  step_limit: { limit: number };
  opted_out: { scope: "marketing" | "all" };
  cancelled: { reason?: string };
  trigger_missing: { triggerNodeId?: string };
  /** The start event does not pass the event trigger's filter. */
  filter_not_matched: { eventName: string };
  /** An edge leads to a node the document does not have (or the outstanding node is gone). */
  node_missing: { nodeId: string; from?: string; handle?: string };
  unknown_node_type: { type: string };
  invalid_config: { type: string; detail: string };
  version_unsupported: { version: unknown; supported: number };
  /** The stored state does not fit the document (an outstanding effect this node cannot have). */
  state_invalid: { detail: string };
  /** A bug: something threw. Reported as a failure, never thrown at the shell. */
  engine_error: { detail: string };
}

export type EngineFailureCode = keyof EngineFailureParams;

const MESSAGES: { [C in EngineFailureCode]: (p: EngineFailureParams[C]) => string } = {
  missing_variable: (p) =>
    `No value for ${p.paths.join(", ")} (used in ${p.field}: ${p.expression}); the message was not sent`,
  empty_variable: (p) =>
    `Template variable ${p.field} is empty once filled (${p.expression}); WhatsApp refuses empty values`,
  variable_unmapped: (p) => `Template variable ${p.field} is not mapped to a value`,
  message_empty: (p) => `The message (${p.field}) is empty once its values are filled in`,
  message_too_long: (p) =>
    `The message (${p.field}) is ${p.length} characters once filled in; WhatsApp allows ${p.max}`,
  outside_window: () =>
    "Free-form messages can only be sent within 24 hours of the contact's last message; use a template",
  template_unavailable: (p) =>
    p.status === null
      ? `Template “${p.template}” (${p.language}) does not exist in this workspace`
      : `Template “${p.template}” (${p.language}) cannot be sent: its status is ${p.status}`,
  send_failed: (p) => `WhatsApp did not deliver the message (error ${String(p.code)}): ${p.message}`,
  until_missing: (p) => `The time to wait for (${p.path}) is missing from the run's data`,
  until_invalid: (p) => `The time to wait for (${p.path}) is not a date: “${p.value}”`,
  step_limit: (p) =>
    `The run went through more than ${p.limit} steps and was stopped: check the flow for a loop`,
  opted_out: (p) =>
    p.scope === "all"
      ? "The contact opted out of all messages"
      : "The contact opted out of marketing messages, and this flow would send more",
  cancelled: (p) => (p.reason ? `The run was cancelled: ${p.reason}` : "The run was cancelled"),
  trigger_missing: (p) =>
    p.triggerNodeId
      ? `The flow has no trigger with the id ${p.triggerNodeId}`
      : "The flow has no trigger to start from",
  filter_not_matched: (p) => `The event ${p.eventName} does not match the trigger's filter`,
  node_missing: (p) =>
    p.from
      ? `The “${p.handle ?? ""}” output of ${p.from} leads to a step that does not exist (${p.nodeId})`
      : `The step ${p.nodeId} no longer exists in the flow`,
  unknown_node_type: (p) => `This Raqi cannot run steps of type “${p.type}”`,
  invalid_config: (p) => `The settings of this ${p.type} step are invalid: ${p.detail}`,
  version_unsupported: (p) =>
    `Unsupported flow document version ${JSON.stringify(p.version) ?? String(p.version)}: this Raqi runs version ${p.supported}`,
  state_invalid: (p) => `The run's stored state does not fit the flow: ${p.detail}`,
  engine_error: (p) => `The run stopped on an unexpected error: ${p.detail}`,
};

export const ENGINE_FAILURE_CODES = Object.keys(MESSAGES) as EngineFailureCode[];

/** The English message of a failure. */
export function engineFailureMessage<C extends EngineFailureCode>(
  code: C,
  params: EngineFailureParams[C],
): string {
  return MESSAGES[code](params);
}

/** A failure as a node step reports it, with typed parameters. */
export function stepFailure<C extends EngineFailureCode>(
  code: C,
  params: EngineFailureParams[C],
): StepFailure {
  return { code, params: { ...params } };
}

/** A failure with its node and English message, as the run stores it. */
export function runFailure(nodeId: string | null, failure: StepFailure): RunFailure {
  const message = (MESSAGES[failure.code] as (p: Record<string, unknown>) => string)(failure.params);
  return { nodeId, code: failure.code, message, params: failure.params };
}
