import { runFailure, stepFailure } from "./engine-failures";
import type {
  Effect,
  EngineInput,
  NodeEffect,
  NodeStep,
  PendingEffectType,
  PendingStep,
  ResumeInput,
  RunContact,
  RunContext,
  RunFailure,
  RunState,
  StartInput,
  StepFailure,
  StepResult,
} from "./engine-types";
import { definitionOf, nodeDefinitions, type NodeDefinition } from "./nodes/index";
import { findTemplate } from "./nodes/template-send";
import { triggerAccepts } from "./nodes/trigger";
import {
  FLOW_DOCUMENT_VERSION,
  type FlowDocument,
  type FlowEdge,
  type FlowNode,
  type NodeType,
} from "./schema";

/**
 * The pure core of the flow runtime. server/inngest/functions/run-flow.ts loops: advance → perform the one
 * effect returned as an Inngest step with id `effect.stepKey` → feed its outcome back as the next input.
 *
 * A run walks synchronously through nodes that need no I/O (trigger, condition, a delay already past)
 * until a node needs the outside world; it then returns exactly one outstanding effect, or `end`. Only
 * the input answering that effect (same step key, matching kind) moves the run on; any other — a
 * duplicate, a late delivery, anything after the end — is ignored: the same state back and no effect.
 * What each node does is its `step` in lib/flow/nodes/<type>.ts.
 *
 * Never throws, on a validated document or not: a problem becomes a failed run with a code (./engine-failures.ts).
 * Never mutates its arguments, reads no clock (time is `ctx.now`) and performs no I/O.
 *
 * Opt-outs arriving mid-run (`opted_out`): "all" cancels the run. "marketing" cancels it only when a
 * marketing template can still be sent from where it stands (a template whose category is MARKETING, or
 * that cannot be found now), so an order update keeps going after "Stop promotions". Either is ignored
 * while the run is at an opt-out node of the same or wider scope: that suppression is the run's own, and
 * its confirmation must still go out. The shell's suppression check before every send remains the last
 * word (Meta may recategorise a template to MARKETING after this decision).
 */

export type {
  Effect,
  EngineInput,
  NodeEffect,
  PathEntry,
  PathNotice,
  PendingStep,
  RunContact,
  RunContext,
  RunFailure,
  RunReply,
  RunScope,
  RunState,
  RunStatus,
  StartInput,
} from "./engine-types";
export {
  ENGINE_FAILURE_CODES,
  engineFailureMessage,
  type EngineFailureCode,
  type EngineFailureParams,
} from "./engine-failures";

/** What startRun and advance return: the next state and the effects to perform (one, or none when ignored). */
export interface Advance {
  state: RunState;
  effects: Effect[];
}

/**
 * The most steps a run may take (nodes entered plus further effects of a node). Validation refuses loops
 * without a pause, so only a loop through waits or delays runs this long, and Inngest caps the steps of
 * one function run at about this number anyway.
 */
export const MAX_RUN_STEPS = 1000;

const FINISHED: ReadonlySet<RunState["status"]> = new Set(["completed", "failed", "cancelled"]);

/** Whether the run has finished: every further input is ignored. */
export function isFinished(state: RunState): boolean {
  return FINISHED.has(state.status);
}

/** The step key of a node's effect: `${nodeId}:${visit}`, with a suffix for a further effect of the visit. */
export function stepKeyOf(nodeId: string, visit: number, suffix?: string): string {
  return suffix ? `${nodeId}:${visit}:${suffix}` : `${nodeId}:${visit}`;
}

/** Starts a run at the document's trigger (or `input.triggerNodeId`) and walks it to its first effect. */
export function startRun(doc: FlowDocument, input: StartInput, ctx: RunContext): Advance {
  const initial: RunState = {
    status: "running",
    at: null,
    visits: {},
    path: [],
    scope: { event: {}, contact: { phone: "" } },
    steps: 0,
  };
  return guarded(initial, () => {
    const state: RunState = {
      ...initial,
      scope: { event: structuredClone(input.event), contact: structuredClone(input.contact) },
    };
    const run = new Run(doc, state, ctx);
    const versionProblem = run.versionProblem();
    if (versionProblem) return run.finish("failed", null, versionProblem);

    const trigger = run.trigger(input.triggerNodeId);
    if (!trigger) {
      const params = input.triggerNodeId === undefined ? {} : { triggerNodeId: input.triggerNodeId };
      return run.finish("failed", null, stepFailure("trigger_missing", params));
    }
    const config = nodeDefinitions.trigger.config.safeParse(trigger.config);
    if (config.success && !triggerAccepts(config.data, state.scope)) {
      return run.finish(
        "cancelled",
        trigger.id,
        stepFailure("filter_not_matched", { eventName: config.data.eventName }),
      );
    }
    return run.walk(trigger);
  });
}

/** Moves a run on with one input. See the module comment for what is ignored and how opt-outs cancel. */
export function advance(doc: FlowDocument, state: RunState, input: EngineInput, ctx: RunContext): Advance {
  if (isFinished(state)) return ignored(state);
  switch (input.type) {
    case "start":
      return ignored(state);
    case "cancel":
      return guarded(state, () =>
        new Run(doc, structuredClone(state), ctx).finish(
          "cancelled",
          state.at?.nodeId ?? null,
          stepFailure("cancelled", input.reason === undefined ? {} : { reason: input.reason }),
        ),
      );
    case "opted_out":
      return guarded(state, () => {
        const run = new Run(doc, structuredClone(state), ctx);
        if (!run.cancelsOn(input.scope)) return ignored(state);
        return run.finish(
          "cancelled",
          state.at?.nodeId ?? null,
          stepFailure("opted_out", { scope: input.scope }),
        );
      });
    default: {
      const at = state.at;
      if (!at || input.stepKey !== at.stepKey || ANSWERS[input.type] !== at.effect) return ignored(state);
      return guarded(state, () => new Run(doc, structuredClone(state), ctx).resume(at, input));
    }
  }
}

/** What a retry may bring up to date: the contact as it is now (a name or attribute added since the failure). */
export interface RetryOptions {
  contact?: RunContact;
}

/**
 * Re-opens a failed run at the node it failed at: the node is entered again as a new visit (so its effect
 * gets a new step key, `${nodeId}:${visit + 1}`, and a send is a new message), from the state the run failed
 * in, never from the trigger. The failed visit stays on the path, marked with its failure, so the history
 * keeps it. Whether a retry is safe (nothing went out, the version is still published …) is the shell's
 * decision (lib/runs/retry-safety.ts); this only refuses states it cannot re-open: a run that did not fail,
 * or a failure not tied to a node. Those come back unchanged with no effect.
 */
export function retryFailedRun(
  doc: FlowDocument,
  state: RunState,
  ctx: RunContext,
  options: RetryOptions = {},
): Advance {
  const failure = state.failure;
  if (state.status !== "failed" || !failure?.nodeId) return ignored(state);
  const nodeId = failure.nodeId;
  return guarded(state, () => {
    const reopened: RunState = structuredClone(state);
    const failedVisit = reopened.path.findLast((entry) => entry.nodeId === nodeId);
    if (failedVisit) failedVisit.failure = failure;
    delete reopened.failure;
    reopened.status = "running";
    reopened.at = null;
    if (options.contact) reopened.scope.contact = structuredClone(options.contact);
    const run = new Run(doc, reopened, ctx);
    const versionProblem = run.versionProblem();
    if (versionProblem) return run.finish("failed", nodeId, versionProblem);
    const node = run.node(nodeId);
    if (!node) return run.finish("failed", nodeId, stepFailure("node_missing", { nodeId }));
    return run.walk(node);
  });
}

/** Which kind of outstanding effect each input answers. */
const ANSWERS: Record<ResumeInput["type"], PendingEffectType> = {
  sent: "send",
  send_failed: "send",
  reply: "wait_for_reply",
  timeout: "wait_for_reply",
  slept: "sleep",
  suppressed: "suppress",
};

const STATUS_OF: Record<PendingEffectType, RunState["status"]> = {
  send: "running",
  suppress: "running",
  wait_for_reply: "waiting",
  sleep: "sleeping",
};

function ignored(state: RunState): Advance {
  return { state, effects: [] };
}

/**
 * Runs `body`; should it throw (a bug, or a document or state far from any schema), the run fails with
 * `engine_error` instead of throwing at the shell, from the state as it was before this call.
 */
function guarded(state: RunState, body: () => Advance): Advance {
  try {
    return body();
  } catch (error) {
    const failure = runFailure(
      state.at?.nodeId ?? null,
      stepFailure("engine_error", { detail: error instanceof Error ? error.message : String(error) }),
    );
    return {
      state: { ...state, status: "failed", at: null, failure },
      effects: [{ type: "end", status: "failed", failure }],
    };
  }
}

/** The run's node as its type's step sees it: the config completed (and checked) by the schema. */
type ResolvedNode =
  { ok: true; node: FlowNode; step: NodeStep<NodeType> } | { ok: false; failure: StepFailure };

/** One advance over a private copy of the state, which it changes freely and returns. */
class Run {
  private readonly nodes = new Map<string, FlowNode>();
  private readonly edges = new Map<string, FlowEdge>();

  constructor(
    private readonly doc: FlowDocument,
    private readonly state: RunState,
    private readonly ctx: RunContext,
  ) {
    // The first node with an id and the first edge out of an output win, as in the validator's graph.
    for (const node of doc.nodes) if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    for (const edge of doc.edges) {
      const key = outputKey(edge.source, edge.sourceHandle);
      if (!this.edges.has(key)) this.edges.set(key, edge);
    }
  }

  versionProblem(): StepFailure | undefined {
    const version: unknown = this.doc.version;
    return version === FLOW_DOCUMENT_VERSION
      ? undefined
      : stepFailure("version_unsupported", { version, supported: FLOW_DOCUMENT_VERSION });
  }

  node(id: string): FlowNode | undefined {
    return this.nodes.get(id);
  }

  trigger(id: string | undefined): FlowNode | undefined {
    if (id === undefined) return this.doc.nodes.find((n) => n.type === "trigger");
    const node = this.nodes.get(id);
    return node?.type === "trigger" ? node : undefined;
  }

  /** Enters nodes from `first` on until one leaves an effect outstanding or the run ends. */
  walk(first: FlowNode): Advance {
    let node = first;
    for (;;) {
      if (this.state.steps >= MAX_RUN_STEPS) {
        return this.finish("failed", node.id, stepFailure("step_limit", { limit: MAX_RUN_STEPS }));
      }
      this.state.steps += 1;
      const visit = (this.state.visits[node.id] ?? 0) + 1;
      this.state.visits[node.id] = visit;
      this.state.path.push({ nodeId: node.id, visit, handle: null, at: this.ctx.now });

      const resolved = resolve(node);
      const result: StepResult = resolved.ok
        ? resolved.step.enter(resolved.node, { ...this.ctx, scope: this.state.scope })
        : { type: "fail", failure: resolved.failure };
      const outcome = this.apply(node.id, visit, 0, result);
      if ("advance" in outcome) return outcome.advance;
      node = outcome.next;
    }
  }

  /** Answers the outstanding effect `at` with `input` (already checked to match it). */
  resume(at: PendingStep, input: ResumeInput): Advance {
    const versionProblem = this.versionProblem();
    if (versionProblem) return this.finish("failed", at.nodeId, versionProblem);
    const node = this.nodes.get(at.nodeId);
    if (!node) return this.finish("failed", at.nodeId, stepFailure("node_missing", { nodeId: at.nodeId }));
    const resolved = resolve(node);
    let result: StepResult;
    if (!resolved.ok) result = { type: "fail", failure: resolved.failure };
    else if (!resolved.step.resume) {
      result = {
        type: "fail",
        failure: stepFailure("state_invalid", { detail: `a ${node.type} step has no outstanding effect` }),
      };
    } else {
      result = resolved.step.resume(resolved.node, input, {
        ...this.ctx,
        scope: this.state.scope,
        pending: at,
      });
    }
    if (result.type === "effect") {
      // A further effect of the same visit counts as a step: a chatty contact cannot keep a wait alive forever.
      if (this.state.steps >= MAX_RUN_STEPS) {
        return this.finish("failed", node.id, stepFailure("step_limit", { limit: MAX_RUN_STEPS }));
      }
      this.state.steps += 1;
    }
    const outcome = this.apply(node.id, at.visit, at.sequence + 1, result);
    return "advance" in outcome ? outcome.advance : this.walk(outcome.next);
  }

  /** Acts on a node's decision: park on its effect, end the run, or name the node to enter next. */
  private apply(
    nodeId: string,
    visit: number,
    sequence: number,
    result: StepResult,
  ): { advance: Advance } | { next: FlowNode } {
    switch (result.type) {
      case "fail":
        return { advance: this.finish("failed", nodeId, result.failure) };
      case "effect": {
        const stepKey = stepKeyOf(nodeId, visit, result.suffix);
        const effect: NodeEffect = { ...result.effect, stepKey, nodeId };
        const pending: PendingStep = { nodeId, visit, stepKey, effect: effect.type, sequence };
        if (result.until !== undefined) pending.until = result.until;
        this.state.at = pending;
        this.state.status = STATUS_OF[effect.type];
        return { advance: { state: this.state, effects: [effect] } };
      }
      case "continue": {
        const entry = this.state.path.findLast((e) => e.nodeId === nodeId && e.visit === visit);
        const edge = this.edges.get(outputKey(nodeId, result.handle));
        if (entry) {
          entry.handle = result.handle;
          if (result.failure && edge) entry.failure = runFailure(nodeId, result.failure);
          if (result.notice) entry.notice = result.notice;
        }
        if (result.reply) this.state.scope.reply = result.reply;
        this.state.at = null;
        this.state.status = "running";
        if (!edge) {
          // An unconnected output ends the run; an unconnected failure path fails it.
          return {
            advance: result.failure
              ? this.finish("failed", nodeId, result.failure)
              : this.finish("completed", nodeId),
          };
        }
        const next = this.nodes.get(edge.target);
        if (!next) {
          const params = { nodeId: edge.target, from: nodeId, handle: result.handle };
          return { advance: this.finish("failed", nodeId, stepFailure("node_missing", params)) };
        }
        return { next };
      }
    }
  }

  /** Ends the run. */
  finish(
    status: "completed" | "failed" | "cancelled",
    nodeId: string | null,
    failure?: StepFailure,
  ): Advance {
    this.state.status = status;
    this.state.at = null;
    if (!failure) return { state: this.state, effects: [{ type: "end", status }] };
    const stored: RunFailure = runFailure(nodeId, failure);
    this.state.failure = stored;
    return { state: this.state, effects: [{ type: "end", status, failure: stored }] };
  }

  /** Whether an opt-out of `scope` arriving now cancels the run (see the module comment). */
  cancelsOn(scope: "marketing" | "all"): boolean {
    const at = this.state.at;
    if (!at) return true;
    const current = this.nodes.get(at.nodeId);
    // The run's own suppression coming back. Read from the stored config as it is: a missing scope is
    // the schema's default, "marketing", which an opt-out of everything goes beyond.
    if (current?.type === "opt-out" && (scope === "marketing" || current.config?.scope === "all"))
      return false;
    return scope === "all" || this.marketingAhead(at.nodeId);
  }

  /** Whether a marketing template (or one not found now) can be sent from `nodeId` on, itself included. */
  private marketingAhead(nodeId: string): boolean {
    const bySource = new Map<string, string[]>();
    for (const edge of this.doc.edges) {
      const targets = bySource.get(edge.source);
      if (targets) targets.push(edge.target);
      else bySource.set(edge.source, [edge.target]);
    }
    const seen = new Set<string>();
    const queue = [nodeId];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i] as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = this.nodes.get(id);
      if (node?.type === "template-send") {
        const config = nodeDefinitions["template-send"].config.safeParse(node.config);
        if (!config.success) return true;
        const template = findTemplate(
          this.ctx.templates,
          config.data.templateName.trim(),
          config.data.language.trim(),
        );
        if (!template || template.category === "MARKETING") return true;
      }
      queue.push(...(bySource.get(id) ?? []));
    }
    return false;
  }
}

function outputKey(nodeId: string, handle: string): string {
  return `${nodeId}\u0000${handle}`;
}

/** A node's step, with its config completed by its type's schema; or why it cannot run. */
function resolve(node: FlowNode): ResolvedNode {
  const type: string = node.type;
  if (!Object.hasOwn(nodeDefinitions, type)) {
    return { ok: false, failure: stepFailure("unknown_node_type", { type }) };
  }
  const definition = definitionOf(node.type) as NodeDefinition<NodeType>;
  const parsed = definition.config.safeParse(node.config ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join("; ");
    return { ok: false, failure: stepFailure("invalid_config", { type, detail }) };
  }
  return { ok: true, node: { ...node, config: parsed.data } as FlowNode, step: definition.step };
}
