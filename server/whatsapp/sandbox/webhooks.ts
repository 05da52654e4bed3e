import crypto from "node:crypto";

/**
 * Signed webhook deliveries to the app, the way Meta makes them (../shared/WHATSAPP.md, "Webhooks"):
 * POST with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body, app secret)>`, retried with backoff
 * on anything but 200. Meta retries for 7 days; the sandbox gives up after a few attempts.
 */

export interface OutboxOptions {
  appSecret: string;
  deliver?: (request: Request) => Promise<Response>;
  webhookUrl?: string;
  retry: { attempts: number; baseDelayMs: number };
  log?: (line: string) => void;
}

/** Deliveries in flight at once: Meta delivers concurrently, but the app under test has limits too. */
const CONCURRENCY = 16;
const DELIVERY_TIMEOUT_MS = 10_000;

export function signBody(rawBody: string, appSecret: string): string {
  return `sha256=${crypto.createHmac("sha256", appSecret).update(rawBody, "utf8").digest("hex")}`;
}

interface Delivery {
  body: string;
  attempt: number;
  /** Called once, after the first attempt. */
  firstAttempted?: () => void;
}

export class WebhookOutbox {
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly queue: Delivery[] = [];
  private inFlight = 0;
  private closed = false;
  private readonly closing = new AbortController();

  constructor(private readonly options: OutboxOptions) {}

  /** Delivers a payload now; resolves after the first attempt (retries continue in the background). */
  send(payload: unknown): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      this.begin();
      this.queue.push({ body: JSON.stringify(payload), attempt: 1, firstAttempted: resolve });
      this.pump();
    });
  }

  /** Runs `task` after `delayMs`; counts as pending work until it has run (and anything it sent settled). */
  later(delayMs: number, task: () => void): void {
    if (this.closed) return;
    this.begin();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        task();
      } finally {
        this.end();
      }
    }, delayMs);
    this.timers.add(timer);
  }

  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops scheduled work and retries, aborts deliveries in flight. */
  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    for (const timer of this.timers) {
      clearTimeout(timer);
      this.end();
    }
    this.timers.clear();
    for (const delivery of this.queue.splice(0)) {
      delivery.firstAttempted?.();
      this.end();
    }
    await this.idle();
  }

  private begin(): void {
    this.pending += 1;
  }

  private end(): void {
    this.pending -= 1;
    if (this.pending > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private pump(): void {
    while (this.inFlight < CONCURRENCY) {
      const delivery = this.queue.shift();
      if (!delivery) return;
      this.inFlight += 1;
      void this.attempt(delivery).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const ok = await this.post(delivery.body);
    delivery.firstAttempted?.();
    delivery.firstAttempted = undefined;
    if (!ok && !this.closed && delivery.attempt < this.options.retry.attempts) {
      const backoff = this.options.retry.baseDelayMs * 2 ** (delivery.attempt - 1);
      this.later(backoff, () => {
        this.begin();
        this.queue.push({ body: delivery.body, attempt: delivery.attempt + 1 });
        this.pump();
      });
    } else if (!ok && !this.closed) {
      this.options.log?.(`webhook dropped after ${delivery.attempt} attempts`);
    }
    this.end();
  }

  /** True when the app answered 200. */
  private async post(body: string): Promise<boolean> {
    const { deliver, webhookUrl, appSecret } = this.options;
    if (!deliver && !webhookUrl) return true;
    const request = new Request(webhookUrl ?? "http://sandbox.invalid/api/webhooks/whatsapp", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "facebookexternalua",
        "x-hub-signature-256": signBody(body, appSecret),
      },
      body,
      signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
    });
    try {
      const response = await (deliver ? deliver(request) : fetch(request));
      await response.body?.cancel().catch(() => undefined);
      if (response.status !== 200) this.options.log?.(`webhook answered ${response.status}`);
      return response.status === 200;
    } catch (error) {
      this.options.log?.(
        `webhook delivery failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
  }
}
