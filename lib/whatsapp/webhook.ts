import { z } from "zod";

/**
 * Webhook deliveries (../shared/WHATSAPP.md, "Webhooks"): zod parsers for the shapes Meta posts, and
 * their flattening into one update per message, status, template event, preference or error. Objects
 * are loose (Meta adds fields; we keep them in `raw`), unknown message types and unknown change fields
 * are kept as they are, but a known field of the wrong type rejects the delivery with its path.
 */

// ── Shapes ───────────────────────────────────────────────────────────────────────────────────────

/** Meta sends unix seconds as a string ("1749416383"); accept a number too. */
const UNIX_SECONDS = "expected unix seconds";
const unixSeconds = z.union(
  [z.string().regex(/^\d{1,12}$/, UNIX_SECONDS), z.number().int(UNIX_SECONDS).nonnegative(UNIX_SECONDS)],
  { error: UNIX_SECONDS },
);

const webhookErrorSchema = z.looseObject({
  code: z.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
});
const errorsSchema = z.array(webhookErrorSchema);

const metadataSchema = z.looseObject({ display_phone_number: z.string(), phone_number_id: z.string() });

const contactSchema = z.looseObject({
  wa_id: z.string(),
  profile: z.looseObject({ name: z.string().optional() }).optional(),
});

const mediaSchema = z.looseObject({
  id: z.string().optional(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

const messageSchema = z
  .looseObject({
    from: z.string(),
    id: z.string(),
    timestamp: unixSeconds,
    type: z.string(),
    context: z.looseObject({ from: z.string().optional(), id: z.string().optional() }).optional(),
    text: z.looseObject({ body: z.string() }).optional(),
    button: z.looseObject({ payload: z.string().optional(), text: z.string().optional() }).optional(),
    interactive: z
      .looseObject({
        type: z.string(),
        button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
        list_reply: z
          .looseObject({ id: z.string(), title: z.string(), description: z.string().optional() })
          .optional(),
      })
      .optional(),
    image: mediaSchema.optional(),
    document: mediaSchema.optional(),
    audio: mediaSchema.optional(),
    video: mediaSchema.optional(),
    sticker: mediaSchema.optional(),
    location: z
      .looseObject({
        latitude: z.number(),
        longitude: z.number(),
        name: z.string().optional(),
        address: z.string().optional(),
      })
      .optional(),
    reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }).optional(),
    errors: errorsSchema.optional(),
  })
  .superRefine((message, ctx) => {
    // The object a known type names must be there: a "text" message without `text` is malformed.
    const missing =
      (message.type === "text" && !message.text) ||
      (message.type === "button" && !message.button) ||
      (message.type === "interactive" && !message.interactive);
    if (missing) {
      ctx.addIssue({
        code: "custom",
        path: [message.type],
        message: `expected object for a ${message.type} message`,
      });
    }
  });
export type WebhookMessage = z.infer<typeof messageSchema>;

const statusSchema = z.looseObject({
  id: z.string(),
  /** sent | delivered | read | failed | played; an unknown value becomes an "unknown" update. */
  status: z.string(),
  timestamp: unixSeconds,
  recipient_id: z.string(),
  pricing: z.looseObject({}).optional(),
  conversation: z.looseObject({}).optional(),
  errors: errorsSchema.optional(),
});

const messagesValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: metadataSchema,
  contacts: z.array(contactSchema).optional(),
  messages: z.array(messageSchema).optional(),
  statuses: z.array(statusSchema).optional(),
  errors: errorsSchema.optional(),
});
export type MessagesValue = z.infer<typeof messagesValueSchema>;

const templateStatusValueSchema = z.looseObject({
  event: z.string(),
  // A number in Meta's samples; a string in some deliveries.
  message_template_id: z.union([z.string(), z.number()]),
  message_template_name: z.string(),
  message_template_language: z.string(),
  reason: z.string().nullable().optional(),
  message_template_category: z.string().optional(),
});
export type TemplateStatusValue = z.infer<typeof templateStatusValueSchema>;

const userPreferencesValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: metadataSchema.optional(),
  user_preferences: z.array(
    z.looseObject({
      wa_id: z.string(),
      detail: z.string().optional(),
      category: z.string(),
      value: z.string(),
      timestamp: unixSeconds,
    }),
  ),
});
export type UserPreferencesValue = z.infer<typeof userPreferencesValueSchema>;

export interface MessagesChange {
  field: "messages";
  value: MessagesValue;
}
export interface TemplateStatusChange {
  field: "message_template_status_update";
  value: TemplateStatusValue;
}
export interface UserPreferencesChange {
  field: "user_preferences";
  value: UserPreferencesValue;
}
/** A field this module does not parse (account_update, phone_number_quality_update…), kept as sent. */
export interface OtherChange {
  field: string;
  value: unknown;
}
export type WebhookChange = MessagesChange | TemplateStatusChange | UserPreferencesChange | OtherChange;

const envelopeSchema = z.looseObject({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.looseObject({
      id: z.string(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

export interface WebhookEntry {
  id: string;
  changes: WebhookChange[];
  [key: string]: unknown;
}
export interface WebhookPayload {
  object: "whatsapp_business_account";
  entry: WebhookEntry[];
  [key: string]: unknown;
}

// ── Parsing ──────────────────────────────────────────────────────────────────────────────────────

const MAX_REPORTED_ISSUES = 5;

function describeIssues(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): string {
  const shown = issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))].join(".");
    return `${path || "(root)"}: ${issue.message.replace(/^Invalid input: /, "")}`;
  });
  const more = issues.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

/**
 * Validates a delivery's JSON. The error names the first offending paths, e.g.
 * `entry.0.changes.0.value.statuses.2.id: expected string, received number`.
 */
export function parseWebhookPayload(
  json: unknown,
): { ok: true; payload: WebhookPayload } | { ok: false; error: string } {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, error: describeIssues(envelope.error.issues) };

  const entries: WebhookEntry[] = [];
  for (const [e, entry] of envelope.data.entry.entries()) {
    const changes: WebhookChange[] = [];
    for (const [c, change] of entry.changes.entries()) {
      const parsed = parseChange(change.field, change.value);
      if (!parsed.ok) {
        return { ok: false, error: describeIssues(parsed.issues, ["entry", e, "changes", c, "value"]) };
      }
      changes.push({ ...change, ...parsed.change });
    }
    entries.push({ ...entry, changes });
  }
  return { ok: true, payload: { ...envelope.data, entry: entries } };
}

type ParsedChange = { ok: true; change: WebhookChange } | { ok: false; issues: z.core.$ZodIssue[] };

function parseChange(field: string, value: unknown): ParsedChange {
  switch (field) {
    case "messages": {
      const result = messagesValueSchema.safeParse(value);
      return result.success
        ? { ok: true, change: { field, value: result.data } }
        : { ok: false, issues: result.error.issues };
    }
    case "message_template_status_update": {
      const result = templateStatusValueSchema.safeParse(value);
      return result.success
        ? { ok: true, change: { field, value: result.data } }
        : { ok: false, issues: result.error.issues };
    }
    case "user_preferences": {
      const result = userPreferencesValueSchema.safeParse(value);
      return result.success
        ? { ok: true, change: { field, value: result.data } }
        : { ok: false, issues: result.error.issues };
    }
    default:
      return { ok: true, change: { field, value } };
  }
}

// ── Updates ──────────────────────────────────────────────────────────────────────────────────────

export interface WebhookError {
  code: number;
  title?: string;
  message?: string;
  details?: string;
  href?: string;
}

export const WEBHOOK_STATUS_VALUES = ["sent", "delivered", "read", "failed", "played"] as const;
export type WebhookStatusValue = (typeof WEBHOOK_STATUS_VALUES)[number];

export interface WebhookStatus {
  /** Our message's wamid. */
  id: string;
  status: WebhookStatusValue;
  timestamp: Date;
  recipientId: string;
  errors: WebhookError[];
  raw: unknown;
}

/** An inbound message, reduced to what flows read; everything else is in `raw`. */
export interface InboundMessage {
  id: string;
  /** The sender's wa_id. */
  from: string;
  timestamp: Date;
  type: string;
  /** The text body, the tapped quick reply's text, or the picked button's / row's title. */
  text?: string;
  /** The quick reply's payload, or the picked interactive button's / row's id. */
  replyId?: string;
  /** The wamid of our message this one replies to (context.id). */
  contextId?: string;
  raw: unknown;
}

export type WebhookUpdate =
  | { kind: "status"; wabaId: string; phoneNumberId: string; status: WebhookStatus }
  | {
      kind: "message";
      wabaId: string;
      phoneNumberId: string;
      displayPhoneNumber: string;
      profileName?: string;
      message: InboundMessage;
    }
  | {
      kind: "template_status";
      wabaId: string;
      event: string;
      templateId: string;
      name: string;
      language: string;
      reason?: string;
      category?: string;
    }
  | {
      kind: "user_preference";
      wabaId: string;
      phoneNumberId?: string;
      waId: string;
      category: string;
      value: "stop" | "resume";
      timestamp: Date;
      detail?: string;
    }
  | { kind: "error"; wabaId: string; phoneNumberId?: string; error: WebhookError }
  | { kind: "unknown"; wabaId: string; field: string; value: unknown };

function toDate(seconds: string | number): Date {
  return new Date(Number(seconds) * 1000);
}

function toWebhookError(error: z.infer<typeof webhookErrorSchema>): WebhookError {
  const details = error.error_data?.details;
  return {
    code: error.code,
    ...(error.title === undefined ? {} : { title: error.title }),
    ...(error.message === undefined ? {} : { message: error.message }),
    ...(details === undefined ? {} : { details }),
    ...(error.href === undefined ? {} : { href: error.href }),
  };
}

function isStatusValue(value: string): value is WebhookStatusValue {
  return (WEBHOOK_STATUS_VALUES as readonly string[]).includes(value);
}

function toInboundMessage(message: WebhookMessage): InboundMessage {
  let text: string | undefined;
  let replyId: string | undefined;
  if (message.type === "text") {
    text = message.text?.body;
  } else if (message.type === "button") {
    text = message.button?.text;
    replyId = message.button?.payload;
  } else if (message.type === "interactive") {
    const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
    text = reply?.title;
    replyId = reply?.id;
  }
  const contextId = message.context?.id;
  return {
    id: message.id,
    from: message.from,
    timestamp: toDate(message.timestamp),
    type: message.type,
    ...(text === undefined ? {} : { text }),
    ...(replyId === undefined ? {} : { replyId }),
    ...(contextId === undefined ? {} : { contextId }),
    raw: message,
  };
}

function messagesUpdates(wabaId: string, value: MessagesValue): WebhookUpdate[] {
  const phoneNumberId = value.metadata.phone_number_id;
  const updates: WebhookUpdate[] = [];
  const contacts = value.contacts ?? [];
  for (const message of value.messages ?? []) {
    const contact =
      contacts.find((c) => c.wa_id === message.from) ?? (contacts.length === 1 ? contacts[0] : undefined);
    const profileName = contact?.profile?.name;
    updates.push({
      kind: "message",
      wabaId,
      phoneNumberId,
      displayPhoneNumber: value.metadata.display_phone_number,
      ...(profileName === undefined ? {} : { profileName }),
      message: toInboundMessage(message),
    });
  }
  for (const status of value.statuses ?? []) {
    if (!isStatusValue(status.status)) {
      updates.push({ kind: "unknown", wabaId, field: "messages", value: status });
      continue;
    }
    updates.push({
      kind: "status",
      wabaId,
      phoneNumberId,
      status: {
        id: status.id,
        status: status.status,
        timestamp: toDate(status.timestamp),
        recipientId: status.recipient_id,
        errors: (status.errors ?? []).map(toWebhookError),
        raw: status,
      },
    });
  }
  for (const error of value.errors ?? []) {
    updates.push({ kind: "error", wabaId, phoneNumberId, error: toWebhookError(error) });
  }
  return updates;
}

function templateStatusUpdate(wabaId: string, value: TemplateStatusValue): WebhookUpdate {
  // Meta sends reason "NONE" (or null) when there is nothing to say.
  const reason = value.reason ?? undefined;
  const category = value.message_template_category;
  return {
    kind: "template_status",
    wabaId,
    event: value.event,
    templateId: String(value.message_template_id),
    name: value.message_template_name,
    language: value.message_template_language,
    ...(reason === undefined || reason === "NONE" ? {} : { reason }),
    ...(category === undefined ? {} : { category }),
  };
}

function userPreferenceUpdates(wabaId: string, value: UserPreferencesValue): WebhookUpdate[] {
  const phoneNumberId = value.metadata?.phone_number_id;
  return value.user_preferences.map((preference): WebhookUpdate => {
    if (preference.value !== "stop" && preference.value !== "resume") {
      return { kind: "unknown", wabaId, field: "user_preferences", value: preference };
    }
    return {
      kind: "user_preference",
      wabaId,
      ...(phoneNumberId === undefined ? {} : { phoneNumberId }),
      waId: preference.wa_id,
      category: preference.category,
      value: preference.value,
      timestamp: toDate(preference.timestamp),
      ...(preference.detail === undefined ? {} : { detail: preference.detail }),
    };
  });
}

function isMessagesChange(change: WebhookChange): change is MessagesChange {
  return change.field === "messages";
}
function isTemplateStatusChange(change: WebhookChange): change is TemplateStatusChange {
  return change.field === "message_template_status_update";
}
function isUserPreferencesChange(change: WebhookChange): change is UserPreferencesChange {
  return change.field === "user_preferences";
}

/**
 * One update per inbound message, status, template event, marketing preference and error, in the
 * order of the delivery. Nothing is deduplicated here: Meta redelivers, callers dedupe (messages by
 * id, statuses by id + status). A status value or preference this module does not know, and a change
 * field it does not parse, come out as "unknown".
 */
export function extractUpdates(payload: WebhookPayload): WebhookUpdate[] {
  const updates: WebhookUpdate[] = [];
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (isMessagesChange(change)) updates.push(...messagesUpdates(entry.id, change.value));
      else if (isTemplateStatusChange(change)) updates.push(templateStatusUpdate(entry.id, change.value));
      else if (isUserPreferencesChange(change))
        updates.push(...userPreferenceUpdates(entry.id, change.value));
      else updates.push({ kind: "unknown", wabaId: entry.id, field: change.field, value: change.value });
    }
  }
  return updates;
}
