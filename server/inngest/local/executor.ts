import type http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { getDb, type Database, type Transaction } from "@/db/client";
import { logger as appLogger } from "@/server/logger";
import { performCall, type CallRequest } from "./call";
import type { EngineContext, RegisteredFunction } from "./context";
import { nextCronTime, scheduleCrons, type CronSchedule } from "./cron";
import { processEvents } from "./events";
import { EventIntake } from "./intake";
import { createHttpApi } from "./http-api";
import { ulid } from "./ids";
import { applyCallOutcome, fireTimer } from "./outcome";
import { CRON_EVENT, incomingEventSchema, type IncomingEvent } from "./protocol";
import { getRun, listRuns, type ExecutorRunDetail, type ListRunsFilter } from "./queries";
import type { LocalExecutor, LocalExecutorOptions } from "./types";
import { registerApp, loadFunctions } from "./registry";
import { createRun, type JobRow } from "./runs";
import {
  claimDueCalls,
  countActiveRuns,
  dueTimers,
  hasDueJobs,
  nextJobDueAt,
  pruneExecutorState,
  releaseClaims,
} from "./queue";
import { AppSyncer } from "./sync";

const DEFAULT_PORT = 8288;
const TIMER_BATCH = 100;
const PRUNE_EVERY_MS = 10 * 60_000;

interface InFlightCall {
  abort: AbortController;
  done: Promise<void>;
  keys: string[];
}

function defaultPort(): number {
  const fromEnv = Number(process.env.INNGEST_LOCAL_PORT);
  return Number.isInteger(fromEnv) && fromEnv >= 0 && fromEnv < 65536 && process.env.INNGEST_LOCAL_PORT
    ? fromEnv
    : DEFAULT_PORT;
}

/** Postgres deadlock or serialisation failure: the transaction is safe to run again. */
function isRetryableTxError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "40P01" || code === "40001") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

class LocalExecutorImpl implements LocalExecutor {
  private db: Database | undefined;
  private readonly namespace: string;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly ctx: EngineContext;
  private functions = new Map<string, RegisteredFunction>();
  private crons: CronSchedule[] = [];
  private server: http.Server | undefined;
  private address: string | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private poked = false;
  private wake: (() => void) | undefined;
  private tickWaiters: (() => void)[] = [];
  private readonly intake: EventIntake;
  private readonly inFlight = new Map<string, InFlightCall>();
  private readonly keyCounts = new Map<string, number>();
  private syncer: AppSyncer | undefined;
  private lastPrune = 0;

  constructor(private readonly options: LocalExecutorOptions) {
    this.namespace = options.namespace ?? "default";
    this.log = options.logger ?? appLogger.child({ component: "inngest-local" });
    this.now = options.now ?? (() => new Date());
    this.intake = new EventIntake(this.log);
    this.ctx = {
      namespace: this.namespace,
      now: this.now,
      log: this.log,
      functions: () => this.functions,
      retryBaseMs: options.retryBaseMs ?? 1000,
      retryMaxMs: options.retryMaxMs ?? 5 * 60_000,
      emit: (tx, events) => processEvents(tx, this.ctx, events),
    };
  }

  get url(): string {
    if (!this.address) throw new Error("The local Inngest executor is not started");
    return this.address;
  }

  private get database(): Database {
    if (!this.db) throw new Error("The local Inngest executor is not started");
    return this.db;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.db = this.options.db ?? (await getDb());
    // One executor per namespace: calls the previous process left in flight are issued again (the SDK
    // memoises finished steps, so only a step that was running at the crash runs twice).
    await releaseClaims(this.database, this.namespace);
    await this.reloadFunctions();
    const resumed = await countActiveRuns(this.database, this.namespace);
    this.server = createHttpApi(
      {
        events: async (events, seed) => {
          const { ids, done } = this.enqueue(events, seed);
          await this.intake.acknowledge(done);
          return ids;
        },
        register: async (app) => {
          await this.register(app.appId, app.url, app.functions, "out_of_band");
        },
      },
      this.log,
    );
    const server = this.server;
    this.running = true;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port ?? defaultPort(), this.options.host ?? "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    }).catch((error: unknown) => {
      this.server = undefined;
      this.running = false;
      throw new Error(`The local Inngest executor cannot listen: ${String(error)}`, { cause: error });
    });
    const { address, port } = server.address() as AddressInfo;
    this.address = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
    this.loop = this.runLoop();
    this.syncer = new AppSyncer({
      appUrls: this.options.appUrls,
      resyncIntervalMs: this.options.resyncIntervalMs ?? 60_000,
      log: this.log,
      register: (app) => this.register(app.appId, app.url, app.functions, "in_band"),
    });
    this.syncer.start();
    this.log.info(
      { url: this.address, functions: this.functions.size, resumedRuns: resumed },
      "local Inngest executor started",
    );
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await Promise.all([this.loop, this.syncer?.stop()]);
    const calls = [...this.inFlight.values()];
    const grace = new Promise<void>((resolve) =>
      setTimeout(resolve, this.options.stopGraceMs ?? 2000).unref(),
    );
    await Promise.race([Promise.all(calls.map((c) => c.done)), grace]);
    for (const call of this.inFlight.values()) call.abort.abort();
    await Promise.all(calls.map((c) => c.done));
    this.intake.rejectAll(new Error("The local Inngest executor stopped"));
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    for (const resolve of this.tickWaiters.splice(0)) resolve();
    this.log.info("local Inngest executor stopped");
  }

  // ── sync ──────────────────────────────────────────────────────────────────────────────────────────

  sync(): Promise<void> {
    if (!this.syncer) throw new Error("The local Inngest executor is not started");
    return this.syncer.syncAll();
  }

  private async register(
    appId: string,
    appUrl: string,
    functions: unknown[],
    via: "in_band" | "out_of_band",
  ): Promise<void> {
    if (!this.running) return;
    const count = await registerApp(this.database, {
      namespace: this.namespace,
      appId,
      appUrl,
      functions,
      now: this.now(),
      log: this.log,
    });
    await this.reloadFunctions();
    this.log.info({ appId, functions: count, via }, "app synced");
    this.poke();
  }

  private async reloadFunctions(): Promise<void> {
    this.functions = await loadFunctions(this.database, this.namespace);
    this.crons = scheduleCrons(this.functions.values(), this.crons, this.now());
  }

  // ── events ────────────────────────────────────────────────────────────────────────────────────────

  async send(events: IncomingEvent | IncomingEvent[]): Promise<string[]> {
    const list = (Array.isArray(events) ? events : [events]).map((e) => incomingEventSchema.parse(e));
    const { ids, done } = this.enqueue(list);
    await done;
    return ids;
  }

  private enqueue(events: IncomingEvent[], seed?: string): { ids: string[]; done: Promise<void> } {
    if (!this.running) throw new Error("The local Inngest executor is not started");
    const queued = this.intake.add(events, this.now(), seed);
    this.poke();
    return queued;
  }

  // ── scheduler ─────────────────────────────────────────────────────────────────────────────────────

  private poke(): void {
    this.poked = true;
    this.wake?.();
  }

  /** The single scheduler loop: events, timers, crons, then calls; sleeps until the next due time or a poke. */
  private async runLoop(): Promise<void> {
    while (this.running) {
      this.poked = false;
      let busy = false;
      try {
        busy = await this.tick();
      } catch (error) {
        this.log.error({ err: error }, "local Inngest executor: scheduler pass failed");
      }
      for (const resolve of this.tickWaiters.splice(0)) resolve();
      if (!this.running) break;
      if (busy || this.poked) continue;
      let delay = this.options.pollIntervalMs ?? 1000;
      try {
        const next = await this.nextDueAt();
        if (next) delay = Math.max(0, Math.min(delay, next.getTime() - this.now().getTime()));
      } catch (error) {
        this.log.debug({ err: error }, "next due time unknown");
      }
      if (this.poked || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** One pass; true when it did something (so another pass follows at once). */
  private async tick(): Promise<boolean> {
    let busy = await this.intake.applyAll(
      (events) => this.transaction((tx) => processEvents(tx, this.ctx, events)),
      () => this.running,
    );
    busy = (await this.fireTimers()) || busy;
    busy = (await this.fireCrons()) || busy;
    busy = (await this.claimCalls()) || busy;
    await this.prune();
    return busy;
  }

  private async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.database.transaction(work);
      } catch (error) {
        if (attempt >= 4 || !isRetryableTxError(error)) throw error;
      }
    }
  }

  private async fireTimers(): Promise<boolean> {
    const due = await dueTimers(this.database, this.namespace, this.now(), TIMER_BATCH);
    for (const job of due) {
      if (!this.running) break;
      await this.transaction((tx) => fireTimer(tx, this.ctx, job));
    }
    return due.length > 0;
  }

  private async fireCrons(): Promise<boolean> {
    const now = this.now();
    let fired = false;
    for (const cron of this.crons) {
      if (cron.next > now) continue;
      cron.next = nextCronTime(cron.fields, now) ?? new Date(8.64e15);
      const fn = this.functions.get(cron.functionId);
      if (!fn) continue;
      const event = { name: CRON_EVENT, data: { cron: cron.expression }, id: ulid(now), ts: now.getTime() };
      await this.transaction((tx) => createRun(tx, this.ctx, fn, event));
      fired = true;
    }
    return fired;
  }

  /** Sends the due calls that fit the global limit and each run's concurrency keys (calls in flight). */
  private async claimCalls(): Promise<boolean> {
    const maxInFlight = this.options.maxInFlight ?? 8;
    if (!this.running) return false;
    const now = this.now();
    const counts = new Map(this.keyCounts);
    const claimed = await this.transaction((tx) =>
      claimDueCalls(tx, {
        namespace: this.namespace,
        now,
        lease: new Date(now.getTime() + (this.options.callTimeoutMs ?? 300_000) + 30_000),
        functionIds: [...this.functions.keys()],
        room: maxInFlight - this.inFlight.size,
        admit: (run) => {
          if (run.concurrency.some((c) => (counts.get(c.key) ?? 0) >= c.limit)) return false;
          for (const c of run.concurrency) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
          return true;
        },
      }),
    );
    for (const { job, run, steps } of claimed) {
      const fn = this.functions.get(run.functionId);
      if (!fn) continue;
      this.dispatch(
        job,
        fn,
        run.concurrency.map((c) => c.key),
        {
          url: fn.url,
          stepId: job.stepId,
          event: run.event as CallRequest["event"],
          steps: Object.fromEntries(steps.map((s) => [s.stepId, s.result])),
          stack: steps.map((s) => s.stepId),
          runId: run.id,
          attempt: job.attempt,
          maxAttempts: fn.maxAttempts,
          disableImmediateExecution: run.disableImmediateExecution,
        },
      );
    }
    return false;
  }

  private dispatch(job: JobRow, fn: RegisteredFunction, keys: string[], request: CallRequest): void {
    const abort = new AbortController();
    const signal = AbortSignal.any([
      abort.signal,
      AbortSignal.timeout(this.options.callTimeoutMs ?? 300_000),
    ]);
    for (const key of keys) this.keyCounts.set(key, (this.keyCounts.get(key) ?? 0) + 1);
    this.log.debug(
      {
        runId: request.runId,
        stepId: request.stepId,
        attempt: request.attempt,
        die: request.disableImmediateExecution,
        memoised: request.stack.length,
      },
      "calling function",
    );
    const done = (async () => {
      const outcome = await performCall(request, { signal, now: this.now });
      // Abandoned at stop: not an attempt. The claim is released at the next start and the call re-issued.
      if (abort.signal.aborted) return;
      await this.transaction((tx) => applyCallOutcome(tx, this.ctx, job, fn.maxAttempts, outcome));
    })()
      .catch((error: unknown) => {
        this.log.error(
          { err: error, runId: request.runId },
          "local Inngest executor: call result not stored",
        );
      })
      .finally(() => {
        this.inFlight.delete(job.id);
        for (const key of keys) {
          const left = (this.keyCounts.get(key) ?? 1) - 1;
          if (left > 0) this.keyCounts.set(key, left);
          else this.keyCounts.delete(key);
        }
        this.poke();
      });
    this.inFlight.set(job.id, { abort, done, keys });
  }

  private async nextDueAt(): Promise<Date | undefined> {
    let next = await nextJobDueAt(this.database, this.namespace, this.now());
    for (const cron of this.crons) if (!next || cron.next < next) next = cron.next;
    return next;
  }

  private async prune(): Promise<void> {
    const now = this.now();
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    await pruneExecutorState(
      this.database,
      this.namespace,
      now,
      this.options.retentionMs ?? 7 * 24 * 3600_000,
    );
  }

  // ── for tests and debugging ───────────────────────────────────────────────────────────────────────

  private nextTick(): Promise<void> {
    if (!this.running) return Promise.reject(new Error("The local Inngest executor is not started"));
    const promise = new Promise<void>((resolve) => this.tickWaiters.push(resolve));
    this.poke();
    return promise;
  }

  async drain(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      await this.nextTick();
      if (
        this.intake.size === 0 &&
        this.inFlight.size === 0 &&
        !(await hasDueJobs(this.database, this.namespace, this.now(), [...this.functions.keys()]))
      )
        return;
      if (Date.now() > deadline) throw new Error("The local Inngest executor did not drain in time");
      if (this.inFlight.size > 0) await Promise.race([...this.inFlight.values()].map((c) => c.done));
    }
  }

  listRuns(filter?: ListRunsFilter) {
    return listRuns(this.database, this.namespace, filter);
  }

  getRun(runId: string) {
    return getRun(this.database, this.namespace, runId);
  }

  async waitForRun(runId: string, options: { timeoutMs?: number } = {}): Promise<ExecutorRunDetail> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const run = await this.getRun(runId);
      if (run && run.status !== "queued" && run.status !== "running") return run;
      if (Date.now() > deadline) {
        throw new Error(`Run ${runId} did not end in time (status ${run?.status ?? "unknown"})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/**
 * The local executor of the Inngest SDK protocol: Raqi's offline stand-in for the Inngest dev server
 * (not a production engine — production uses Inngest Cloud or `inngest start`). See README.md here.
 */
export function createLocalExecutor(options: LocalExecutorOptions): LocalExecutor {
  return new LocalExecutorImpl(options);
}
