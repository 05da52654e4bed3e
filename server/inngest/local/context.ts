import type { Logger } from "pino";
import type { Transaction } from "@/db/client";
import type { FunctionConfig, RunEvent } from "./protocol";

/** A synced function, as the executor keeps it in memory (mirrors executor_functions). */
export interface RegisteredFunction {
  id: string;
  appId: string;
  config: FunctionConfig;
  /** The serve URL with `fnId`; `stepId` is set per call. */
  url: string;
  maxAttempts: number;
}

/** An event accepted by the event API, with the ids it was given. */
export interface AcceptedEvent {
  /** Our id, returned by the event API. */
  internalId: string;
  /** The id the sender set: an idempotency key for 24 h. */
  externalId?: string;
  receivedAt: Date;
  event: RunEvent;
}

/** What the state transitions need from the executor around them. */
export interface EngineContext {
  namespace: string;
  now: () => Date;
  log: Logger;
  functions: () => ReadonlyMap<string, RegisteredFunction>;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Processes internal events (inngest/function.failed) inside the caller's transaction. */
  emit: (tx: Transaction, events: AcceptedEvent[]) => Promise<void>;
}
