import { scheduleFailure, scheduleStatuses, windowOpen, type SandboxContext } from "./context";
import { faultPhase } from "./faults";
import type { GraphRequest } from "./graph";
import { newWamid } from "./ids";
import { invalidParam, sendFailure, type SendErrorCode } from "./meta-errors";
import type { Pricing } from "./payloads";
import { parseSend, type Json } from "./send-rules";
import { pairKey, type PhoneRecord, type TemplateRecord } from "./store";
import { checkTemplateParameters, findSendableTemplate } from "./template-send-rules";
import type { FaultKind, SentMessage } from "./types";

/** POST /{phone-number-id}/messages: sends and mark-read (../shared/WHATSAPP.md, "Sending"). */

const SYNC_FAULTS: Partial<Record<FaultKind, SendErrorCode>> = {
  sync_131047: 131047,
  sync_131050: 131050,
  sync_131026: 131026,
  throughput_130429: 130429,
  pair_131056: 131056,
};
const ASYNC_FAULTS: Partial<Record<FaultKind, SendErrorCode>> = {
  async_131047: 131047,
  async_131050: 131050,
  async_131026: 131026,
};

export function handleMessages(
  ctx: SandboxContext,
  graph: GraphRequest,
  phone: PhoneRecord,
  body: Json,
): Response {
  const parsed = parseSend(body);
  if (parsed.kind === "read") {
    const inbound = ctx.store.inbound.get(parsed.messageId);
    if (!inbound || inbound.phoneNumberId !== phone.id)
      throw invalidParam(
        "message_id",
        `must be the id of a message this phone number received - got "${parsed.messageId}".`,
      );
    return Response.json({ success: true });
  }

  let template: TemplateRecord | undefined;
  if (parsed.template) {
    template = findSendableTemplate(
      ctx.store.templatesOf(phone.wabaId),
      parsed.template.name,
      parsed.template.languageCode,
    );
    checkTemplateParameters(template, parsed.template.components);
  }

  const fault =
    graph.headerFault && faultPhase(graph.headerFault) === "send"
      ? graph.headerFault
      : ctx.faults.take("send", { path: graph.path, phoneNumberId: phone.id, to: parsed.waId });
  const syncCode = fault ? SYNC_FAULTS[fault] : undefined;
  if (syncCode) throw sendFailure(syncCode);

  const now = ctx.now();
  if (ctx.enforceThroughput) {
    const over = ctx.rates.check(phone.id, parsed.waId, phone.throughputPerSecond, now);
    if (over.throughput) throw sendFailure(130429);
    if (over.pair) throw sendFailure(131056);
  }
  ctx.rates.record(phone.id, parsed.waId, now);

  const inWindow = windowOpen(ctx, phone.id, parsed.waId);
  const message: SentMessage = {
    wamid: newWamid(),
    phoneNumberId: phone.id,
    to: parsed.waId,
    payload: body,
    at: now,
    status: "accepted",
  };
  ctx.store.addSent(message);

  // Meta accepts these and fails them later with a `failed` status (../shared/WHATSAPP.md, "Errors").
  const asyncCode =
    (fault ? ASYNC_FAULTS[fault] : undefined) ??
    (!template && !inWindow ? 131047 : undefined) ??
    (template?.category === "MARKETING" && ctx.store.marketingStopped.has(pairKey(phone.id, parsed.waId))
      ? 131050
      : undefined);
  if (asyncCode) scheduleFailure(ctx, phone, message, asyncCode);
  else scheduleStatuses(ctx, phone, message, pricingOf(template, inWindow));

  return Response.json({
    messaging_product: "whatsapp",
    contacts: [{ input: parsed.input, wa_id: parsed.waId }],
    messages: [{ id: message.wamid, message_status: "accepted" }],
  });
}

/** Per-message pricing: free-form replies and utility templates inside the window are free. */
function pricingOf(template: TemplateRecord | undefined, inWindow: boolean): Pricing {
  if (!template)
    return { billable: false, pricing_model: "PMP", category: "service", type: "free_customer_service" };
  const category =
    template.category === "MARKETING"
      ? "marketing"
      : template.category === "UTILITY"
        ? "utility"
        : "authentication";
  if (category === "utility" && inWindow)
    return { billable: false, pricing_model: "PMP", category, type: "free_customer_service" };
  return { billable: true, pricing_model: "PMP", category, type: "regular" };
}
