import type { PhoneRecord, TemplateRecord } from "./store";
import type { SentMessage, WebhookError } from "./types";

/** Webhook bodies in Meta's shapes (../shared/WHATSAPP.md, "Webhooks"). Timestamps are Unix seconds as strings. */

export function unixSeconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}

function envelope(wabaId: string, field: string, value: Record<string, unknown>, at?: number) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: wabaId,
        ...(at === undefined ? {} : { time: Math.floor(at / 1000) }),
        changes: [{ value, field }],
      },
    ],
  };
}

function metadata(phone: PhoneRecord) {
  return { display_phone_number: phone.digits, phone_number_id: phone.id };
}

/** Per-message pricing as Meta reports it since v24 (no `conversation` object any more). */
export interface Pricing {
  billable: boolean;
  pricing_model: "PMP";
  category: "marketing" | "utility" | "authentication" | "service";
  type: "regular" | "free_customer_service";
}

export function statusWebhook(
  phone: PhoneRecord,
  message: SentMessage,
  status: "sent" | "delivered" | "read" | "failed",
  at: number,
  extra: { pricing?: Pricing; errors?: WebhookError[] },
) {
  return envelope(phone.wabaId, "messages", {
    messaging_product: "whatsapp",
    metadata: metadata(phone),
    statuses: [
      {
        id: message.wamid,
        status,
        timestamp: unixSeconds(at),
        recipient_id: message.to,
        ...(extra.pricing ? { pricing: extra.pricing } : {}),
        ...(extra.errors ? { errors: extra.errors } : {}),
      },
    ],
  });
}

export function inboundWebhook(
  phone: PhoneRecord,
  contact: { waId: string; profileName: string },
  message: Record<string, unknown>,
) {
  return envelope(phone.wabaId, "messages", {
    messaging_product: "whatsapp",
    metadata: metadata(phone),
    contacts: [{ profile: { name: contact.profileName }, wa_id: contact.waId }],
    messages: [message],
  });
}

export function userPreferenceWebhook(
  phone: PhoneRecord,
  waId: string,
  value: "stop" | "resume",
  at: number,
) {
  return envelope(phone.wabaId, "user_preferences", {
    messaging_product: "whatsapp",
    metadata: metadata(phone),
    contacts: [{ wa_id: waId }],
    user_preferences: [
      {
        wa_id: waId,
        detail:
          value === "stop"
            ? "User requested to stop marketing messages"
            : "User requested to resume marketing messages",
        category: "marketing_messages",
        value,
        timestamp: Math.floor(at / 1000),
      },
    ],
  });
}

/** `message_template_id` is a JSON number here, as in Meta's examples (ids stay below 2^53). */
export function templateStatusWebhook(template: TemplateRecord, at: number) {
  return envelope(
    template.wabaId,
    "message_template_status_update",
    {
      event: template.status,
      message_template_id: Number(template.id),
      message_template_name: template.name,
      message_template_language: template.language,
      reason: template.reason ?? "NONE",
      message_template_category: template.category,
    },
    at,
  );
}
