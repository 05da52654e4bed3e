import { advance, startRun, type Advance } from "./engine";
import type { Effect, EngineInput, RunContact, RunContext, RunReply, RunState } from "./engine-types";
import type { FlowDocument } from "./schema";
import { SAMPLE_TEMPLATES } from "./starters";

/** Test helpers for the engine (here and in the run-flow shell's tests): a run driven input by input. */

/** Tuesday 13 May 2025, 09:00 UTC. */
export const T0 = Date.UTC(2025, 4, 13, 9, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const SARA: RunContact = { phone: "+971501234567", name: "Sara", attributes: { tier: "gold" } };

export function runContext(overrides: Partial<RunContext> = {}): RunContext {
  return { templates: SAMPLE_TEMPLATES, now: T0, ...overrides };
}

/**
 * Drives one run: each call feeds an input answering the outstanding effect (its step key taken from
 * the state), records what came back, and keeps the clock and the context between calls.
 */
export class RunDriver {
  /** Every effect returned so far, in order. */
  readonly effects: Effect[] = [];
  ctx: RunContext;
  private latest: Advance | undefined;

  constructor(
    readonly doc: FlowDocument,
    ctx: Partial<RunContext> = {},
  ) {
    this.ctx = runContext(ctx);
  }

  start(event: Record<string, unknown> = {}, contact: RunContact = SARA, triggerNodeId?: string): Advance {
    const input = { type: "start" as const, event, contact, ...(triggerNodeId ? { triggerNodeId } : {}) };
    return this.record(startRun(this.doc, input, this.ctx));
  }

  feed(input: EngineInput): Advance {
    return this.record(advance(this.doc, this.state, input, this.ctx));
  }

  /** What the last call returned. */
  get last(): Advance {
    if (!this.latest) throw new Error("RunDriver: start the run first");
    return this.latest;
  }

  get state(): RunState {
    return this.last.state;
  }

  /** The outstanding step key ("" when none, which no input matches). */
  get key(): string {
    return this.state.at?.stepKey ?? "";
  }

  /** The single effect of the last call. */
  get effect(): Effect | undefined {
    return this.last.effects.length === 1 ? this.last.effects[0] : undefined;
  }

  sent(wamid = "wamid.1"): Advance {
    return this.feed({ type: "sent", stepKey: this.key, wamid });
  }

  sendFailed(code: number | string = 131026, message = "Message undeliverable"): Advance {
    return this.feed({ type: "send_failed", stepKey: this.key, code, message });
  }

  /** A typed text message. */
  says(text: string): Advance {
    return this.reply({ text, buttonId: null, type: "text" });
  }

  /** A tapped quick reply: its text, and its payload (the text unless mapped otherwise). */
  taps(text: string, payload = text): Advance {
    return this.reply({ text, buttonId: payload, type: "button" });
  }

  reply(reply: Omit<RunReply, "at">): Advance {
    return this.feed({ type: "reply", stepKey: this.key, reply });
  }

  timeout(): Advance {
    return this.feed({ type: "timeout", stepKey: this.key });
  }

  slept(): Advance {
    return this.feed({ type: "slept", stepKey: this.key });
  }

  suppressed(): Advance {
    return this.feed({ type: "suppressed", stepKey: this.key });
  }

  /** Moves the clock on. */
  tick(ms: number): this {
    this.ctx = { ...this.ctx, now: this.ctx.now + ms };
    return this;
  }

  /** The handles taken so far, as `node→handle` (null while outstanding or where the run ended). */
  get trail(): string[] {
    return this.state.path.map((p) => `${p.nodeId}→${p.handle ?? "·"}`);
  }

  private record(result: Advance): Advance {
    this.latest = result;
    this.effects.push(...result.effects);
    return result;
  }
}
