import type { Logger } from "pino";
import { inBandSyncAnswerSchema } from "./protocol";

/**
 * In-band sync (INNGEST-PROTOCOL.md §2): `PUT <serve>` with `x-inngest-sync-kind: in_band` and body
 * `{"url": <serve>}`; the SDK answers with the app and its functions. An SDK that refuses in-band sync
 * (INNGEST_ALLOW_IN_BAND_SYNC=0) registers out of band instead, through POST /fn/register, before it answers.
 */
export type SyncAnswer =
  { kind: "in_band"; appId: string; url: string; functions: unknown[] } | { kind: "out_of_band" };

export async function syncApp(appUrl: string, signal: AbortSignal): Promise<SyncAnswer> {
  const response = await fetch(appUrl, {
    method: "PUT",
    headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
    body: JSON.stringify({ url: appUrl }),
    signal,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${appUrl} answered the sync with HTTP ${response.status}`);
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${appUrl} answered the sync with something other than JSON`);
  }
  const inBand = inBandSyncAnswerSchema.safeParse(body);
  if (inBand.success) {
    return {
      kind: "in_band",
      appId: inBand.data.app_id,
      url: inBand.data.url,
      functions: inBand.data.functions,
    };
  }
  return { kind: "out_of_band" };
}

export interface SyncedApp {
  appId: string;
  url: string;
  functions: unknown[];
}

/**
 * Syncs the apps: at start until each answers (a Next.js dev server may still be compiling), then every
 * `resyncIntervalMs` so that functions edited in development are picked up.
 */
export class AppSyncer {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private abort = new AbortController();

  constructor(
    private readonly options: {
      appUrls: string[];
      resyncIntervalMs: number;
      log: Logger;
      register: (app: SyncedApp) => Promise<void>;
    },
  ) {}

  /** Syncs every app once; rejects naming those that did not answer. */
  async syncAll(): Promise<void> {
    const failures: string[] = [];
    for (const appUrl of this.options.appUrls) {
      try {
        const answer = await syncApp(
          appUrl,
          AbortSignal.any([this.abort.signal, AbortSignal.timeout(30_000)]),
        );
        if (answer.kind === "in_band") await this.options.register(answer);
      } catch (error) {
        failures.push(`${appUrl}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(`Sync failed: ${failures.join("; ")}`);
  }

  start(): void {
    this.running = true;
    this.abort = new AbortController();
    this.current = this.untilSynced();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.current;
  }

  private async untilSynced(): Promise<void> {
    let delay = 500;
    let warned = false;
    while (this.running) {
      try {
        await this.syncAll();
        break;
      } catch (error) {
        if (!warned && delay >= 4000) {
          this.options.log.warn(
            { err: error },
            "local Inngest executor: the app does not answer the sync yet",
          );
          warned = true;
        }
        await new Promise<void>((resolve) => {
          this.timer = setTimeout(resolve, delay);
          this.abort.signal.addEventListener("abort", () => resolve(), { once: true });
        });
        delay = Math.min(delay * 2, 10_000);
      }
    }
    this.scheduleResync();
  }

  private scheduleResync(): void {
    if (!this.running || this.options.resyncIntervalMs <= 0) return;
    this.timer = setTimeout(() => {
      if (!this.running) return;
      this.current = this.syncAll()
        .catch((error: unknown) => this.options.log.debug({ err: error }, "re-sync failed"))
        .finally(() => this.scheduleResync());
    }, this.options.resyncIntervalMs);
  }
}
