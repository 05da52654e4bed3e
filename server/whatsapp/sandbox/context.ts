import type { FaultBook } from "./faults";
import { webhookError, type SendErrorCode } from "./meta-errors";
import { statusWebhook, templateStatusWebhook, type Pricing } from "./payloads";
import type { RateTracker } from "./rates";
import { pairKey, type PhoneRecord, type SandboxStore, type TemplateRecord } from "./store";
import type { SentMessage } from "./types";
import type { WebhookOutbox } from "./webhooks";

/** Everything the route handlers and the simulation methods share, and the message lifecycle. */
export interface SandboxContext {
  appId: string;
  appSecret: string;
  now: () => number;
  store: SandboxStore;
  faults: FaultBook;
  rates: RateTracker;
  outbox: WebhookOutbox;
  enforceThroughput: boolean;
  statusDelays: { sent: number; delivered: number; read: number } | false;
  autoRead: boolean;
  templateReviewDelayMs: number;
  signupCodes: Map<string, { wabaId: string; expiresAt: number; used: boolean }>;
  /** Releases requests held by the "timeout" fault (on close). */
  holds: Set<() => void>;
  log: (line: string) => void;
}

/** The customer-service window: 24 hours from the user's last inbound message. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Used for async failures when automatic statuses are off. */
const DEFAULT_FAILURE_DELAY_MS = 100;

export function windowOpen(ctx: SandboxContext, phoneNumberId: string, waId: string): boolean {
  const last = ctx.store.lastInboundAt.get(pairKey(phoneNumberId, waId));
  return last !== undefined && ctx.now() - last < SERVICE_WINDOW_MS;
}

/** Meta only calls the app for WABAs it subscribed to. */
export function emit(ctx: SandboxContext, wabaId: string, payload: unknown): Promise<void> {
  if (!ctx.store.accounts.get(wabaId)?.subscribed) return Promise.resolve();
  return ctx.outbox.send(payload);
}

const STATUS_ORDER = { accepted: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

/** sent → delivered → (read), each after its delay from the send; pricing on sent and delivered only. */
export function scheduleStatuses(
  ctx: SandboxContext,
  phone: PhoneRecord,
  message: SentMessage,
  pricing: Pricing,
): void {
  const delays = ctx.statusDelays;
  if (!delays) return;
  const steps: ["sent" | "delivered" | "read", number][] = [
    ["sent", delays.sent],
    ["delivered", delays.delivered],
  ];
  if (ctx.autoRead) steps.push(["read", delays.read]);
  for (const [status, delay] of steps) {
    ctx.outbox.later(delay, () => {
      if (STATUS_ORDER[message.status] >= STATUS_ORDER[status]) return;
      message.status = status;
      ctx.store.changed();
      void emit(
        ctx,
        phone.wabaId,
        statusWebhook(phone, message, status, ctx.now(), status === "read" ? {} : { pricing }),
      );
    });
  }
}

/** An accepted send that Meta fails later: one `failed` status carrying the error object. */
export function scheduleFailure(
  ctx: SandboxContext,
  phone: PhoneRecord,
  message: SentMessage,
  code: SendErrorCode,
): void {
  const delay = ctx.statusDelays ? ctx.statusDelays.sent : DEFAULT_FAILURE_DELAY_MS;
  ctx.outbox.later(delay, () => {
    const errors = [webhookError(code)];
    message.status = "failed";
    message.errors = errors;
    ctx.store.changed();
    void emit(ctx, phone.wabaId, statusWebhook(phone, message, "failed", ctx.now(), { errors }));
  });
}

export function publishTemplateStatus(ctx: SandboxContext, template: TemplateRecord): Promise<void> {
  ctx.store.changed();
  return emit(ctx, template.wabaId, templateStatusWebhook(template, ctx.now()));
}

/** A new template's review: approved after a short delay, rejected when its name starts with `reject_`. */
export function scheduleTemplateReview(ctx: SandboxContext, template: TemplateRecord): void {
  ctx.outbox.later(ctx.templateReviewDelayMs, () => {
    if (template.status !== "PENDING" || !ctx.store.templates.includes(template)) return;
    const rejected = template.name.startsWith("reject_");
    template.status = rejected ? "REJECTED" : "APPROVED";
    if (rejected) template.reason = "INVALID_FORMAT";
    void publishTemplateStatus(ctx, template);
  });
}
