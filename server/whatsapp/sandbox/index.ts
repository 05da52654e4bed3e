import { SAMPLE_TEMPLATES } from "../../../lib/flow/starters";
import { emit, publishTemplateStatus, type SandboxContext } from "./context";
import { FaultBook } from "./faults";
import { createGraphHandler } from "./graph";
import { newAccessToken, newObjectId, newSignupCode, newWamid } from "./ids";
import { inboundWebhook, unixSeconds, userPreferenceWebhook } from "./payloads";
import { RateTracker } from "./rates";
import { pairKey, SandboxStore, type PhoneRecord, type TemplateRecord } from "./store";
import type {
  InboundInput,
  ProvisionedAccount,
  Sandbox,
  SandboxOptions,
  SandboxTemplate,
  SentMessage,
} from "./types";
import { WebhookOutbox } from "./webhooks";

/**
 * The sandbox: a strict fake of Meta's Graph API and webhooks (../shared/WHATSAPP.md), in-process through
 * `fetch`, or over HTTP with ./server.ts. Tests, benchmarks, the onboarding "sandbox" option and the
 * builder's phone simulator use it, so a flow runs end to end without a Meta account.
 */

export type * from "./types";
export { FAULT_KINDS, isFaultKind } from "./types";
export { signBody } from "./webhooks";
export { FAULT_HEADER } from "./graph";

const DEFAULT_STATUS_DELAYS_MS = { sent: 150, delivered: 600, read: 1500 };
const DEFAULT_THROUGHPUT = 80;
const SIGNUP_CODE_TTL_MS = 30_000;

export function createSandbox(options: SandboxOptions): Sandbox {
  const log = options.log ?? ((line: string) => console.warn(`[sandbox] ${line}`));
  const now = options.now ?? Date.now;
  const store = new SandboxStore(options.persistFile);
  const outbox = new WebhookOutbox({
    appSecret: options.appSecret,
    deliver: options.deliver,
    webhookUrl: options.webhookUrl,
    retry: options.webhookRetry ?? { attempts: 5, baseDelayMs: 1000 },
    log,
  });
  const ctx: SandboxContext = {
    appId: options.appId,
    appSecret: options.appSecret,
    now,
    store,
    faults: new FaultBook(options.random ?? Math.random),
    rates: new RateTracker(),
    outbox,
    enforceThroughput: options.enforceThroughput ?? true,
    statusDelays: options.statusDelaysMs === undefined ? DEFAULT_STATUS_DELAYS_MS : options.statusDelaysMs,
    autoRead: options.autoRead ?? true,
    templateReviewDelayMs: options.templateReviewDelayMs ?? 2000,
    signupCodes: new Map(),
    holds: new Set(),
    log,
  };
  const handle = createGraphHandler(ctx);
  let closed = false;

  const phoneOf = (phoneNumberId: string): PhoneRecord => {
    const phone = store.phones.get(phoneNumberId);
    if (!phone) throw new Error(`the sandbox has no phone number ${phoneNumberId}`);
    return phone;
  };

  return {
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      signal?.throwIfAborted();
      return handle(request, signal ?? undefined);
    },

    provisionAccount(input): ProvisionedAccount {
      const phoneCount = input.phoneCount ?? 1;
      const throughput = input.throughputPerSecond ?? DEFAULT_THROUGHPUT;
      if (!Number.isInteger(phoneCount) || phoneCount < 1 || phoneCount > 20)
        throw new Error("phoneCount must be 1 to 20");
      if (!(throughput > 0)) throw new Error("throughputPerSecond must be positive");
      const wabaId = newObjectId();
      const businessId = newObjectId();
      store.accounts.set(wabaId, {
        businessId,
        wabaId,
        businessName: input.businessName,
        subscribed: input.subscribed ?? true,
      });
      const phones: PhoneRecord[] = [];
      for (let i = 0; i < phoneCount; i += 1) {
        const digits = `1555${String(store.nextPhoneSerial).padStart(7, "0")}`;
        store.nextPhoneSerial += 1;
        const phone: PhoneRecord = {
          id: newObjectId(),
          wabaId,
          digits,
          displayPhoneNumber: `+1 555-${digits.slice(4, 7)}-${digits.slice(7)}`,
          verifiedName: input.businessName,
          throughputPerSecond: throughput,
        };
        store.phones.set(phone.id, phone);
        phones.push(phone);
      }
      for (const template of input.templates ?? SAMPLE_TEMPLATES) {
        const { id, ...summary }: SandboxTemplate = template;
        const record: TemplateRecord = { ...structuredClone(summary), id: id ?? newObjectId(), wabaId };
        store.templates.push(record);
      }
      const accessToken = newAccessToken();
      store.tokens.set(accessToken, {
        token: accessToken,
        wabaIds: [wabaId],
        userId: newObjectId(),
        type: "SYSTEM_USER",
        issuedAt: now(),
      });
      store.changed();
      return {
        businessId,
        wabaId,
        phoneNumbers: phones.map((p) => ({
          id: p.id,
          displayPhoneNumber: p.displayPhoneNumber,
          verifiedName: p.verifiedName,
        })),
        accessToken,
      };
    },

    issueSignupCode({ wabaId, phoneNumberIds }) {
      if (!store.accounts.has(wabaId)) throw new Error(`the sandbox has no WABA ${wabaId}`);
      for (const id of phoneNumberIds)
        if (phoneOf(id).wabaId !== wabaId)
          throw new Error(`phone number ${id} does not belong to WABA ${wabaId}`);
      for (const [code, issued] of ctx.signupCodes)
        if (now() - issued.expiresAt > 10 * SIGNUP_CODE_TTL_MS) ctx.signupCodes.delete(code);
      const code = newSignupCode();
      ctx.signupCodes.set(code, { wabaId, expiresAt: now() + SIGNUP_CODE_TTL_MS, used: false });
      return code;
    },

    async simulateInbound(input) {
      const phone = phoneOf(input.phoneNumberId);
      if (!/^[1-9]\d{7,14}$/.test(input.from)) throw new Error("from must be a wa_id: 8 to 15 digits, no +");
      const at = now();
      const wamid = newWamid();
      const message = { from: input.from, id: wamid, timestamp: unixSeconds(at), ...inboundContent(input) };
      store.inbound.set(wamid, { wamid, phoneNumberId: phone.id, from: input.from, at });
      store.lastInboundAt.set(pairKey(phone.id, input.from), at);
      store.changed();
      const contact = { waId: input.from, profileName: input.profileName ?? "Sandbox user" };
      await emit(
        ctx,
        phone.wabaId,
        inboundWebhook(phone, contact, withContext(message, phone, input, latestSentTo(phone, input.from))),
      );
      return { wamid };
    },

    async simulateUserPreference({ wabaId, phoneNumberId, waId, value }) {
      const phone = phoneOf(phoneNumberId);
      if (phone.wabaId !== wabaId)
        throw new Error(`phone number ${phoneNumberId} does not belong to WABA ${wabaId}`);
      if (value === "stop") store.marketingStopped.add(pairKey(phone.id, waId));
      else store.marketingStopped.delete(pairKey(phone.id, waId));
      store.changed();
      await emit(ctx, wabaId, userPreferenceWebhook(phone, waId, value, now()));
    },

    async setTemplateStatus({ wabaId, name, language, status, reason }) {
      const template = store.templatesOf(wabaId).find((t) => t.name === name && t.language === language);
      if (!template) throw new Error(`no template ${name} (${language}) in WABA ${wabaId}`);
      template.status = status;
      template.reason = status === "APPROVED" ? undefined : (reason ?? "NONE");
      await publishTemplateStatus(ctx, template);
    },

    faults: { add: (rule) => ctx.faults.add(rule), clear: () => ctx.faults.clear() },

    sent(filter = {}): SentMessage[] {
      const to = filter.to?.replace(/\D/g, "");
      return store.sent
        .filter(
          (m) =>
            (filter.phoneNumberId === undefined || m.phoneNumberId === filter.phoneNumberId) &&
            (to === undefined || m.to === to),
        )
        .map((m) => ({ ...m }));
    },

    sendRates: (phoneNumberId) => ctx.rates.stats(phoneNumberId),
    idle: () => outbox.idle(),

    async close() {
      if (closed) return;
      closed = true;
      for (const release of [...ctx.holds]) release();
      await outbox.close();
      store.flush();
    },
  };

  function latestSentTo(phone: PhoneRecord, waId: string): string | undefined {
    for (let i = store.sent.length - 1; i >= 0; i -= 1) {
      const m = store.sent[i];
      if (m && m.phoneNumberId === phone.id && m.to === waId) return m.wamid;
    }
    return undefined;
  }
}

function inboundContent(input: InboundInput): Record<string, unknown> {
  if ("text" in input) return { type: "text", text: { body: input.text } };
  if ("button" in input)
    return { type: "button", button: { payload: input.button.payload, text: input.button.text } };
  const { type, id, title, description } = input.interactive;
  const reply =
    type === "list_reply" && description !== undefined ? { id, title, description } : { id, title };
  return { type: "interactive", interactive: { type, [type]: reply } };
}

/** Taps carry `context` naming the message tapped: the given id, or the latest message sent to the user. */
function withContext(
  message: Record<string, unknown>,
  phone: PhoneRecord,
  input: InboundInput,
  latest: string | undefined,
): Record<string, unknown> {
  if ("text" in input) return message;
  const contextId = ("button" in input ? input.button.contextId : input.interactive.contextId) ?? latest;
  return contextId ? { context: { from: phone.digits, id: contextId }, ...message } : message;
}
