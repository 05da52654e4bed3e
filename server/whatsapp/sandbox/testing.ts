import crypto from "node:crypto";
import { createSandbox } from "./index";
import type { ProvisionedAccount, Sandbox, SandboxOptions } from "./types";

/** Test support for the sandbox's own tests and the graph client's: a sandbox whose webhooks land in a list. */

export const TEST_APP = { appId: "test-app", appSecret: "test-app-secret-0123456789abcdef" };

export interface ReceivedWebhook {
  raw: string;
  signature: string | null;
  body: WebhookBody;
}

/** The parts of Meta's webhook envelope the tests read. */
export interface WebhookBody {
  object: string;
  entry: { id: string; time?: number; changes: { field: string; value: Record<string, unknown> }[] }[];
}

export interface StatusUpdate {
  id: string;
  status: string;
  timestamp: string;
  recipient_id: string;
  pricing?: Record<string, unknown>;
  conversation?: unknown;
  errors?: { code: number; title: string; message: string; error_data: { details: string }; href: string }[];
}

export function validSignature(raw: string, signature: string | null, secret = TEST_APP.appSecret): boolean {
  if (!signature?.startsWith("sha256=")) return false;
  const expected = crypto.createHmac("sha256", secret).update(raw, "utf8").digest();
  const given = Buffer.from(signature.slice("sha256=".length), "hex");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export interface TestSandbox {
  sandbox: Sandbox;
  account: ProvisionedAccount;
  phoneId: string;
  webhooks: ReceivedWebhook[];
  /** Status codes the webhook receiver answers with, one per delivery, then 200. */
  answerWith: number[];
  clock: { now: number };
  /** A Graph call with the account's token (or the given headers). */
  graph(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  statuses(): StatusUpdate[];
  fields(field: string): Record<string, unknown>[];
}

export const FAST_STATUSES = { sent: 5, delivered: 15, read: 25 };

export function startTestSandbox(options: Partial<SandboxOptions> = {}, useFakeClock = false): TestSandbox {
  const webhooks: ReceivedWebhook[] = [];
  const answerWith: number[] = [];
  const clock = { now: Date.now() };
  const sandbox = createSandbox({
    ...TEST_APP,
    statusDelaysMs: FAST_STATUSES,
    templateReviewDelayMs: 10,
    webhookRetry: { attempts: 3, baseDelayMs: 5 },
    log: () => undefined,
    deliver: async (request) => {
      const raw = await request.text();
      webhooks.push({
        raw,
        signature: request.headers.get("x-hub-signature-256"),
        body: JSON.parse(raw) as WebhookBody,
      });
      return new Response("ok", { status: answerWith.shift() ?? 200 });
    },
    ...(useFakeClock ? { now: () => clock.now } : {}),
    ...options,
  });
  const account = sandbox.provisionAccount({ businessName: "Acme Shoes" });
  const phone = account.phoneNumbers[0];
  if (!phone) throw new Error("no phone number provisioned");
  const changes = () => webhooks.flatMap((w) => w.body.entry.flatMap((e) => e.changes));
  return {
    sandbox,
    account,
    phoneId: phone.id,
    webhooks,
    answerWith,
    clock,
    graph: (method, path, body, headers) =>
      sandbox.fetch(`https://graph.facebook.com/v25.0/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${account.accessToken}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    statuses: () =>
      changes()
        .filter((c) => c.field === "messages" && Array.isArray(c.value.statuses))
        .flatMap((c) => c.value.statuses as StatusUpdate[]),
    fields: (field) =>
      changes()
        .filter((c) => c.field === field)
        .map((c) => c.value),
  };
}

/** A valid send of the sample `order_shipped` template. */
export function orderShipped(to = "+16505551234") {
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to,
    type: "template",
    template: {
      name: "order_shipped",
      language: { code: "en_US" },
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Jessica" },
            { type: "text", text: "#1042" },
          ],
        },
        {
          type: "button",
          sub_type: "quick_reply",
          index: "0",
          parameters: [{ type: "payload", payload: "run:42:track" }],
        },
      ],
    },
  };
}

export function textMessage(body: string, to = "+16505551234") {
  return { messaging_product: "whatsapp", to, type: "text", text: { preview_url: false, body } };
}

/** Meta's error body, for assertions. */
export async function metaError(response: Response): Promise<{
  status: number;
  code: number;
  message: string;
  details?: string;
  type: string;
  fbtrace_id?: string;
  error_subcode?: number;
}> {
  const json = (await response.json()) as {
    error: {
      code: number;
      message: string;
      type: string;
      fbtrace_id?: string;
      error_subcode?: number;
      error_data?: { details?: string };
    };
  };
  return { status: response.status, ...json.error, details: json.error.error_data?.details };
}
