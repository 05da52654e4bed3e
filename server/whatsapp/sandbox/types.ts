import type { TemplateSummary } from "../../../lib/whatsapp/template";

/**
 * The public shapes of the sandbox, the strict fake of Meta's Graph API (../shared/WHATSAPP.md).
 * No `server-only` here or anywhere under sandbox/: it also runs under plain tsx (scripts/sandbox.ts).
 */

export interface SandboxOptions {
  appId: string;
  /** Webhooks are signed with it: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`. */
  appSecret: string;
  /** Where webhooks go; default: `fetch(webhookUrl)`. Without either, webhooks are dropped. */
  deliver?: (request: Request) => Promise<Response>;
  webhookUrl?: string;
  /** Delays after an accepted send; false = no automatic statuses. Default { sent: 150, delivered: 600, read: 1500 }. */
  statusDelaysMs?: { sent: number; delivered: number; read: number } | false;
  /** The recipient reads every delivered message (default true). */
  autoRead?: boolean;
  /** Reject sends over the phone's per-second limit (130429) and the pair limit (131056). Default true. */
  enforceThroughput?: boolean;
  /** Accounts, templates and sent messages survive restarts in this JSON file (debounced writes). */
  persistFile?: string;
  now?: () => number;
  /** Randomness of `FaultRule.probability` (default Math.random). */
  random?: () => number;
  /** How long a created template stays PENDING before its review webhook (default 2000 ms). */
  templateReviewDelayMs?: number;
  /** Webhook retries on a non-200 answer: attempts in all and the first backoff, doubled each time. Default 5 × 1000 ms. */
  webhookRetry?: { attempts: number; baseDelayMs: number };
  /** Failed webhook deliveries and sandbox bugs (default: console.warn). */
  log?: (line: string) => void;
}

/** A template as the sandbox stores it: the summary Meta lists, optionally with a fixed id. */
export type SandboxTemplate = TemplateSummary & { id?: string };

export type FaultKind =
  | "http_429"
  | "throughput_130429"
  | "pair_131056"
  | "server_500"
  | "timeout"
  | "sync_131047"
  | "sync_131050"
  | "sync_131026"
  | "async_131047"
  | "async_131050"
  | "async_131026"
  | "token_190";

export const FAULT_KINDS: readonly FaultKind[] = [
  "http_429",
  "throughput_130429",
  "pair_131056",
  "server_500",
  "timeout",
  "sync_131047",
  "sync_131050",
  "sync_131026",
  "async_131047",
  "async_131050",
  "async_131026",
  "token_190",
];

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === "string" && (FAULT_KINDS as readonly string[]).includes(value);
}

/**
 * A fault injected into matching Graph requests. `to` and the message-only kinds (throughput, pair,
 * sync_*, async_*) apply to sends; `path` matches when the request path contains it. `times` = how
 * many requests it hits before it is removed; `probability` = chance per matching request.
 */
export interface FaultRule {
  kind: FaultKind;
  match?: { to?: string; phoneNumberId?: string; path?: string };
  times?: number;
  probability?: number;
}

/** The error object Meta puts in `statuses[].errors`, `value.errors` and `messages[].errors`. */
export interface WebhookError {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
}

export type SentStatus = "accepted" | "sent" | "delivered" | "read" | "failed";

export interface SentMessage {
  wamid: string;
  phoneNumberId: string;
  /** The recipient's wa_id (digits only). */
  to: string;
  payload: Record<string, unknown>;
  at: number;
  status: SentStatus;
  errors?: WebhookError[];
}

export interface ProvisionedAccount {
  businessId: string;
  wabaId: string;
  phoneNumbers: { id: string; displayPhoneNumber: string; verifiedName: string }[];
  accessToken: string;
}

export type InboundContent =
  | { text: string }
  | { button: { text: string; payload: string; contextId?: string } }
  | {
      interactive: {
        type: "button_reply" | "list_reply";
        id: string;
        title: string;
        description?: string;
        contextId?: string;
      };
    };

export type InboundInput = { phoneNumberId: string; from: string; profileName?: string } & InboundContent;

export interface Sandbox {
  /** Answers Graph routes on any host: `https?://<host>/<version>/…`. */
  fetch: typeof fetch;
  provisionAccount(input: {
    businessName: string;
    phoneCount?: number;
    templates?: SandboxTemplate[];
    throughputPerSecond?: number;
    /** The app is subscribed to the WABA's webhooks (default true; Embedded Signup subscribes later). */
    subscribed?: boolean;
  }): ProvisionedAccount;
  /** An Embedded Signup code for /oauth/access_token: single use, valid 30 s. */
  issueSignupCode(input: { wabaId: string; phoneNumberIds: string[] }): string;
  /** Sends a signed `messages` webhook; resolves after its first delivery attempt. */
  simulateInbound(input: InboundInput): Promise<{ wamid: string }>;
  simulateUserPreference(input: {
    wabaId: string;
    phoneNumberId: string;
    waId: string;
    value: "stop" | "resume";
  }): Promise<void>;
  setTemplateStatus(input: {
    wabaId: string;
    name: string;
    language: string;
    status: "APPROVED" | "REJECTED" | "PAUSED" | "DISABLED";
    reason?: string;
  }): Promise<void>;
  faults: { add(rule: FaultRule): void; clear(): void };
  sent(filter?: { phoneNumberId?: string; to?: string }): SentMessage[];
  /** What Meta would count for a phone number, whether or not the limits were enforced. */
  sendRates(phoneNumberId: string): { maxInAnySecond: number; pairViolations: number };
  /** Resolves when no webhook delivery, retry or scheduled status is pending. */
  idle(): Promise<void>;
  close(): Promise<void>;
}
