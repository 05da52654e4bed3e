import type { MessageContent } from "../whatsapp/payloads";
import type { TemplateSummary } from "../whatsapp/template";
import type { EngineFailureCode } from "./engine-failures";
import type { FlowNodeOf, NodeType } from "./schema";

/**
 * The types of the flow runtime (./engine.ts): what a run remembers between steps, what the Inngest shell
 * feeds in, and what it is asked to do. Everything here is plain JSON, so a RunState can be stored in a
 * step's output or a table column and read back unchanged. Node files import these types only (never
 * ./engine at run time: it imports the registry, which imports them).
 */

/** What the engine may know about the world at the moment of a step. Time comes in here, never from a clock. */
export interface RunContext {
  /** The workspace's templates as they are now: a template paused since publishing is seen as paused. */
  templates: readonly TemplateSummary[];
  /** The current time, epoch milliseconds. */
  now: number;
  /**
   * When the contact last wrote (contacts.last_inbound_at), epoch ms: null when they never did, undefined
   * when the shell does not say. Free-form sends check the 24-hour window with it and with the replies of
   * the run; when neither is known the engine sends and lets Meta decide (131047).
   */
  lastInboundAt?: number | null;
}

/** The contact a run talks to, as `{{contact.…}}` reads it. */
export interface RunContact {
  /** E.164, e.g. `+971501234567`. */
  phone: string;
  name?: string | null;
  /** Custom fields: `{{contact.attributes.tier}}`. */
  attributes?: Record<string, unknown>;
}

/** The reply that chose the latest wait-for-reply branch, as `{{reply.…}}` reads it. */
export interface RunReply {
  /** The typed text, a tapped button's text, or a media caption; null for media without one. */
  text: string | null;
  /** A tapped quick reply's payload or an interactive button's id; null for typed messages. */
  buttonId: string | null;
  /** The WhatsApp message type: `text`, `button`, `interactive`, `image` … */
  type: string;
  /** When it arrived (the `now` of the step that took it), epoch ms. */
  at: number;
}

/** The values `{{…}}` expressions and condition rules read. */
export interface RunScope {
  /** The triggering event's payload (REST API body, webhook body, or the inbound message of a keyword trigger). */
  event: Record<string, unknown>;
  contact: RunContact;
  /** Absent until a reply has chosen a wait-for-reply branch. */
  reply?: RunReply;
}

/** The kinds of effect a run can be parked on. */
export type PendingEffectType = "send" | "wait_for_reply" | "sleep" | "suppress";

/** The step whose effect is outstanding: only an input with its `stepKey` moves the run on. */
export interface PendingStep {
  nodeId: string;
  /** Which visit of the node (1 for the first; a loop back through a wait makes it 2, 3 …). */
  visit: number;
  /**
   * The deterministic id of the effect (Inngest step id, messages.step_key): `${nodeId}:${visit}` for a
   * node's first effect, `${nodeId}:${visit}:${suffix}` for a further one in the same visit (an opt-out's
   * `confirmation`, a wait's `again-1` after an unmatched reply).
   */
  stepKey: string;
  effect: PendingEffectType;
  /** How many effects this visit emitted before this one (0 for the first). */
  sequence: number;
  /** wait_for_reply: when the wait times out; sleep: when it ends. Epoch ms. */
  until?: number;
}

/** Why a run failed or was cancelled, or why a node left through its `failed` output. */
export interface RunFailure {
  /** The node it happened at; null when it concerns the run as a whole (no trigger, a cancel before any step). */
  nodeId: string | null;
  code: EngineFailureCode;
  /** Plain English (engine-failures.ts); the UI translates by `code` with `params`. */
  message: string;
  /** The values the message names (EngineFailureParams[code]). */
  params: Record<string, unknown>;
}

/** One node a run passed, for the run history and the canvas overlay. */
export interface PathEntry {
  nodeId: string;
  visit: number;
  /** The output the run left through; null while the node's effect is outstanding, or when the run ended there. */
  handle: string | null;
  /** When the run arrived at the node, epoch ms. */
  at: number;
  /**
   * Set when the node left through a failure path (`failed`) that is connected, so the run went on; and on
   * the visit a failed run stopped at once the run is retried from it (retryFailedRun).
   */
  failure?: RunFailure;
  /**
   * Set when a node could not do all of its work but went on: an opt-out whose confirmation could not be
   * sent (outside the 24-hour window, or the send failed). The opt-out itself was recorded.
   */
  notice?: PathNotice;
}

export type PathNotice = "confirmation_outside_window" | "confirmation_failed";

export type RunStatus = "running" | "waiting" | "sleeping" | "completed" | "failed" | "cancelled";

/** Everything a run remembers between two inputs. */
export interface RunState {
  /**
   * running: a send or a suppression is outstanding; waiting: a wait-for-reply; sleeping: a delay;
   * completed / failed / cancelled: finished, every later input is ignored.
   */
  status: RunStatus;
  /** The node whose effect is outstanding; null when the run has finished. */
  at: PendingStep | null;
  /** How many times the run arrived at each node, by node id. */
  visits: Record<string, number>;
  /** Every node passed, in order, with the output taken. */
  path: PathEntry[];
  scope: RunScope;
  /** Set when the run failed or was cancelled. */
  failure?: RunFailure;
  /** Nodes entered plus further effects of a node (confirmations, waits resumed): bounded by MAX_RUN_STEPS. */
  steps: number;
}

/** The inputs a run answers to. `stepKey` must be the outstanding one (`state.at.stepKey`), else it is ignored. */
export type EngineInput =
  | {
      type: "start";
      event: Record<string, unknown>;
      contact: RunContact;
      /** The trigger that fired; defaults to the document's first trigger. */
      triggerNodeId?: string;
    }
  /** The message was accepted by Meta. */
  | { type: "sent"; stepKey: string; wamid: string }
  /** The send failed permanently (after the shell's retries): a Meta error code or a local one. */
  | { type: "send_failed"; stepKey: string; code: number | string; message: string }
  /** The contact answered while the wait was outstanding. */
  | { type: "reply"; stepKey: string; reply: Omit<RunReply, "at"> }
  | { type: "timeout"; stepKey: string }
  | { type: "slept"; stepKey: string }
  /** The suppression was recorded. */
  | { type: "suppressed"; stepKey: string }
  /** The contact opted out while the run was active (an opt-out keyword, Meta's user preferences, a privacy request). */
  | { type: "opted_out"; scope: "marketing" | "all" }
  | { type: "cancel"; reason?: string };

export type StartInput = Extract<EngineInput, { type: "start" }>;

/** What the shell is asked to do. Exactly one per advance, or none when the input was ignored. */
export type Effect =
  | {
      type: "send";
      stepKey: string;
      nodeId: string;
      content: MessageContent;
      /** A marketing template: subject to marketing suppressions and Meta's marketing limits. */
      marketing: boolean;
      /**
       * message: a step of the flow. opt_out_confirmation: the confirmation of a suppression the run has
       * just recorded; the shell lets it through that suppression (and no other).
       */
      purpose: "message" | "opt_out_confirmation";
    }
  | {
      type: "wait_for_reply";
      stepKey: string;
      nodeId: string;
      /** How long to wait from now. */
      timeoutMs: number;
      /** The same moment as an absolute time, epoch ms (for `waiting_since`-style race checks). */
      untilMs: number;
    }
  | { type: "sleep"; stepKey: string; nodeId: string; untilMs: number }
  | { type: "suppress"; stepKey: string; nodeId: string; scope: "marketing" | "all"; notify: boolean }
  | { type: "end"; status: "completed" | "failed" | "cancelled"; failure?: RunFailure };

/** The effects a node can leave outstanding. */
export type NodeEffect = Exclude<Effect, { type: "end" }>;

/** A node effect before the engine stamps it with the node id and step key. */
export type NodeEffectBody = NodeEffect extends infer E
  ? E extends NodeEffect
    ? Omit<E, "stepKey" | "nodeId">
    : never
  : never;

/** The inputs that answer an outstanding effect. */
export type ResumeInput = Extract<EngineInput, { stepKey: string }>;

/** A failure as a node reports it: the engine adds the node id and the English message. */
export interface StepFailure {
  code: EngineFailureCode;
  params: Record<string, unknown>;
}

/** What a node decides when the run arrives or its effect is answered. */
export type StepResult =
  /** Leave through `handle` now. */
  | {
      type: "continue";
      handle: string;
      /**
       * A failure path: followed when connected, otherwise the run fails with this failure. (Every other
       * unconnected output completes the run.)
       */
      failure?: StepFailure;
      /** The reply that chose this output: it becomes `{{reply.…}}`. */
      reply?: RunReply;
      notice?: PathNotice;
    }
  /** Park the run on this effect. `suffix` distinguishes a further effect of the same visit. */
  | { type: "effect"; effect: NodeEffectBody; suffix?: string; until?: number }
  /** The run fails here. */
  | { type: "fail"; failure: StepFailure };

/** What a node step may read. */
export interface StepContext extends RunContext {
  /** Read-only: a step returns what should change instead of changing it. */
  scope: Readonly<RunScope>;
}

/** Also passed when an outstanding effect is answered. */
export interface ResumeContext extends StepContext {
  pending: PendingStep;
}

/**
 * A node type's part of the engine, exported by its file under ./nodes and listed in the registry.
 * `enter` runs when a run arrives at the node (with its config completed by the schema); `resume` when
 * the node's outstanding effect is answered (the engine has already checked the step key and that the
 * input answers that kind of effect). Neither throws, reads a clock or performs I/O.
 */
export interface NodeStep<T extends NodeType> {
  enter: (node: FlowNodeOf<T>, ctx: StepContext) => StepResult;
  /** Absent on nodes that never leave an effect outstanding (trigger, condition). */
  resume?: (node: FlowNodeOf<T>, input: ResumeInput, ctx: ResumeContext) => StepResult;
}
