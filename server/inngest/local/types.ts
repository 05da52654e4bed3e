import type { Logger } from "pino";
import type { Database } from "@/db/client";
import type { IncomingEvent } from "./protocol";
import type { ExecutorRun, ExecutorRunDetail, ListRunsFilter } from "./queries";

export interface LocalExecutorOptions {
  /** The app's database (default: getDb()). The executor keeps its state in the executor_* tables. */
  db?: Database;
  /** Default: INNGEST_LOCAL_PORT, else 8288 (the dev server's); 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the executor runs functions for whoever can reach it. */
  host?: string;
  /** Serve endpoints to sync in band, e.g. http://localhost:3000/api/inngest. */
  appUrls: string[];
  /** Executors sharing one database (parallel test files on Postgres) see only their own namespace. */
  namespace?: string;
  now?: () => Date;
  logger?: Logger;
  /** First retry delay; doubles per attempt up to retryMaxMs. Default 1 s. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Re-sync every app this often (default 60 s; 0 = only at start and on demand). */
  resyncIntervalMs?: number;
  /** Longest wait between scheduler passes when nothing is due earlier (default 1 s). */
  pollIntervalMs?: number;
  /** Timeout of one call to a function (default 5 min). */
  callTimeoutMs?: number;
  /** Calls in flight at once, over all functions (default 8). */
  maxInFlight?: number;
  /** stop() lets calls in flight finish for this long, then abandons them (re-issued on restart). */
  stopGraceMs?: number;
  /** Ended runs are deleted after this long (default 7 days; events are kept 24 h). */
  retentionMs?: number;
}

export interface LocalExecutor {
  /** http://host:port, known once started. What the SDK needs as INNGEST_DEV / INNGEST_BASE_URL. */
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Syncs every app once (in band); rejects when one does not answer. */
  sync(): Promise<void>;
  /** Sends events as the event API does; resolves with their ids once they took effect. */
  send(events: IncomingEvent | IncomingEvent[]): Promise<string[]>;
  /** Resolves once nothing is due now: no event queued, no call in flight, no timer or call due. */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  listRuns(filter?: ListRunsFilter): Promise<ExecutorRun[]>;
  getRun(runId: string): Promise<ExecutorRunDetail | undefined>;
  /** Resolves with the run once it ended (completed, failed or cancelled). */
  waitForRun(runId: string, options?: { timeoutMs?: number }): Promise<ExecutorRunDetail>;
}
