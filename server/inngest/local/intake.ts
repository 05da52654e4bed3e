import type { Logger } from "pino";
import type { AcceptedEvent } from "./context";
import { acceptEvent } from "./events";
import { seededUlid } from "./ids";
import type { IncomingEvent } from "./protocol";

/**
 * Events accepted but not yet applied, in arrival order. The scheduler loop applies them, one batch per
 * transaction; a batch that keeps failing (5 times) is dropped with an error.
 */
interface IntakeBatch {
  events: AcceptedEvent[];
  failures: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The event API answers once the events took effect, or after this long (see `acknowledge`). */
const ACK_TIMEOUT_MS = 2000;
const MAX_FAILURES = 5;

export class EventIntake {
  private readonly batches: IntakeBatch[] = [];

  constructor(private readonly log: Logger) {}

  get size(): number {
    return this.batches.length;
  }

  /** Gives the events their ids (derived from the SDK's id seed when there is one) and queues them. */
  add(events: IncomingEvent[], now: Date, seed?: string): { ids: string[]; done: Promise<void> } {
    const accepted = events.map((e, i) => acceptEvent(e, now, seed ? seededUlid(seed, i) : undefined));
    const done = new Promise<void>((resolve, reject) => {
      this.batches.push({ events: accepted, failures: 0, resolve, reject });
    });
    done.catch(() => undefined);
    return { ids: accepted.map((e) => e.internalId), done };
  }

  /**
   * For the event API: waits until the events took effect, unless that takes longer than a moment. On
   * PGlite an app that sends from inside an open transaction holds the only connection our write waits
   * for, and would wait for our answer forever; its events are applied as soon as the database is free.
   */
  async acknowledge(done: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.log.debug("event API answered before the events were stored");
        resolve();
      }, ACK_TIMEOUT_MS);
    });
    try {
      await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Applies queued batches in order with `apply`; true when one was applied. */
  async applyAll(
    apply: (events: AcceptedEvent[]) => Promise<void>,
    running: () => boolean,
  ): Promise<boolean> {
    let applied = false;
    while (running()) {
      const batch = this.batches[0];
      if (!batch) break;
      try {
        await apply(batch.events);
        this.batches.shift();
        batch.resolve();
        applied = true;
      } catch (error) {
        batch.failures += 1;
        this.log.error({ err: error, failures: batch.failures }, "local Inngest executor: events not stored");
        if (batch.failures < MAX_FAILURES) break;
        this.batches.shift();
        batch.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return applied;
  }

  rejectAll(error: Error): void {
    for (const batch of this.batches.splice(0)) batch.reject(error);
  }
}
