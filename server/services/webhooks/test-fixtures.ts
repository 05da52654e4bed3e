/**
 * Arrangement helpers for the webhook tests: a workspace with a connected number written straight into
 * the tables (the connection service is tested on its own), outbound messages with known wamids, and
 * Meta-shaped webhook bodies signed like Meta signs them. Ids are random, so files sharing one Postgres
 * database never see each other's rows.
 */
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  contacts,
  messages,
  phoneNumbers,
  templates,
  webhookEvents,
  whatsappConnections,
  workspaces,
  type MessageStatus,
} from "@/db/schema";
import { signPayload } from "@/lib/whatsapp/signature";
import { env } from "@/server/env";
import { onDomainEvent, type DomainEvent } from "@/server/events";
import { processWebhookEvent, type ProcessOutcome } from "./process-webhook-event";
import { receiveWebhook } from "./receive-webhook";

export const WEBHOOK_URL = "http://localhost:3000/api/webhooks/whatsapp";

function digits(count: number): string {
  return Array.from(crypto.randomBytes(count), (b) => String(b % 10)).join("");
}

/** A random wa_id (Saudi mobile numbers: 9665 + 8 digits) and its E.164 form. */
export function randomWaId(): { waId: string; phone: string } {
  const waId = `9665${digits(8)}`;
  return { waId, phone: `+${waId}` };
}

export function randomWamid(): string {
  return `wamid.${crypto.randomBytes(18).toString("base64url")}`;
}

export interface ConnectedWorkspace {
  workspaceId: string;
  connectionId: string;
  phoneNumberId: string;
  metaPhoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string;
}

/** A workspace with a live sandbox connection and one active number. */
export async function createConnectedWorkspace(label = "hooks"): Promise<ConnectedWorkspace> {
  const db = await getDb();
  const suffix = crypto.randomUUID().slice(0, 13);
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Workspace ${label}`, slug: `${label}-${suffix}` })
    .returning({ id: workspaces.id });
  if (!workspace) throw new Error("workspace insert returned no row");
  const wabaId = `waba${digits(12)}`;
  const [connection] = await db
    .insert(whatsappConnections)
    .values({ workspaceId: workspace.id, kind: "sandbox", method: "sandbox", wabaId })
    .returning({ id: whatsappConnections.id });
  if (!connection) throw new Error("connection insert returned no row");
  const metaPhoneNumberId = digits(15);
  const displayPhoneNumber = `1555${digits(7)}`;
  const [number] = await db
    .insert(phoneNumbers)
    .values({
      workspaceId: workspace.id,
      connectionId: connection.id,
      metaPhoneNumberId,
      displayPhoneNumber,
      isDefault: true,
    })
    .returning({ id: phoneNumbers.id });
  if (!number) throw new Error("phone number insert returned no row");
  return {
    workspaceId: workspace.id,
    connectionId: connection.id,
    phoneNumberId: number.id,
    metaPhoneNumberId,
    wabaId,
    displayPhoneNumber,
  };
}

export interface OutboundFixture {
  messageId: string;
  contactId: string;
  wamid: string;
  waId: string;
  phone: string;
}

/** An outbound message Meta accepted (or `status`), to a new contact unless `to` names one. */
export async function insertOutboundMessage(
  ws: ConnectedWorkspace,
  options: { status?: MessageStatus; wamid?: string; to?: { waId: string; phone: string } } = {},
): Promise<OutboundFixture> {
  const db = await getDb();
  const to = options.to ?? randomWaId();
  const [contact] = await db
    .insert(contacts)
    .values({ workspaceId: ws.workspaceId, phone: to.phone, waId: to.waId })
    .onConflictDoUpdate({ target: [contacts.workspaceId, contacts.phone], set: { waId: to.waId } })
    .returning({ id: contacts.id });
  if (!contact) throw new Error("contact insert returned no row");
  const wamid = options.wamid ?? randomWamid();
  const [message] = await db
    .insert(messages)
    .values({
      workspaceId: ws.workspaceId,
      phoneNumberId: ws.phoneNumberId,
      contactId: contact.id,
      direction: "out",
      wamid,
      type: "template",
      content: { template: "order_update" },
      preview: "Your order shipped",
      templateName: "order_update",
      templateLanguage: "en_US",
      category: "UTILITY",
      status: options.status ?? "accepted",
      acceptedAt: new Date(),
    })
    .returning({ id: messages.id });
  if (!message) throw new Error("message insert returned no row");
  return { messageId: message.id, contactId: contact.id, wamid, ...to };
}

/** A template row as the template sync would store it. */
export async function insertTemplate(
  ws: ConnectedWorkspace,
  values: {
    name: string;
    language?: string;
    status?: "PENDING" | "APPROVED";
    metaTemplateId?: string | null;
  },
): Promise<string> {
  const db = await getDb();
  const [row] = await db
    .insert(templates)
    .values({
      workspaceId: ws.workspaceId,
      name: values.name,
      language: values.language ?? "en_US",
      category: "MARKETING",
      status: values.status ?? "PENDING",
      components: [{ type: "BODY", text: "Hello" }],
      metaTemplateId: values.metaTemplateId ?? null,
    })
    .returning({ id: templates.id });
  if (!row) throw new Error("template insert returned no row");
  return row.id;
}

/** The stored events whose payload names this WABA, oldest first. */
export async function storedEvents(ws: Pick<ConnectedWorkspace, "wabaId">) {
  const db = await getDb();
  return db
    .select()
    .from(webhookEvents)
    .where(sql`${webhookEvents.payload}::text like ${`%"${ws.wabaId}"%`}`)
    .orderBy(webhookEvents.id);
}

/** Whether a delivery with exactly these bytes was stored (events are keyed by the body's sha256). */
export async function isStored(raw: string): Promise<boolean> {
  const db = await getDb();
  const hash = crypto.createHash("sha256").update(raw).digest("hex");
  const rows = await db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(eq(webhookEvents.bodyHash, hash));
  return rows.length > 0;
}

/** The message row with this wamid. */
export async function messageByWamid(wamid: string) {
  const db = await getDb();
  const [row] = await db.select().from(messages).where(eq(messages.wamid, wamid));
  return row;
}

// ------------------------------------------------------------------ Meta-shaped bodies

type Value = Record<string, unknown>;

function envelope(wabaId: string, field: string, value: Value) {
  return {
    object: "whatsapp_business_account",
    entry: [{ id: wabaId, changes: [{ field, value }] }],
  };
}

function messagesValue(ws: ConnectedWorkspace, rest: Value): Value {
  return {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: ws.displayPhoneNumber, phone_number_id: ws.metaPhoneNumberId },
    ...rest,
  };
}

function unixSeconds(at: Date): string {
  return String(Math.floor(at.getTime() / 1000));
}

export interface StatusSpec {
  wamid: string;
  status: "sent" | "delivered" | "read" | "failed" | "played";
  at: Date;
  recipientWaId: string;
  error?: { code: number; title: string; message?: string; details?: string };
}

/** A `statuses` webhook body. */
export function statusBody(ws: ConnectedWorkspace, statuses: StatusSpec[]) {
  return envelope(
    ws.wabaId,
    "messages",
    messagesValue(ws, {
      statuses: statuses.map((s) => ({
        id: s.wamid,
        status: s.status,
        timestamp: unixSeconds(s.at),
        recipient_id: s.recipientWaId,
        ...(s.error
          ? {
              errors: [
                {
                  code: s.error.code,
                  title: s.error.title,
                  message: s.error.message ?? s.error.title,
                  error_data: { details: s.error.details ?? s.error.title },
                },
              ],
            }
          : {}),
      })),
    }),
  );
}

export interface InboundSpec {
  from: { waId: string };
  wamid?: string;
  at?: Date;
  profileName?: string;
  /** The message object's type-specific part, e.g. `{ type: "text", text: { body: "hi" } }`. */
  content: Value;
  contextWamid?: string;
}

/** A `messages` webhook body with one inbound message. */
export function inboundBody(ws: ConnectedWorkspace, spec: InboundSpec) {
  return envelope(
    ws.wabaId,
    "messages",
    messagesValue(ws, {
      contacts: [{ profile: { name: spec.profileName ?? "Sheena" }, wa_id: spec.from.waId }],
      messages: [
        {
          from: spec.from.waId,
          id: spec.wamid ?? randomWamid(),
          timestamp: unixSeconds(spec.at ?? new Date()),
          ...spec.content,
          ...(spec.contextWamid ? { context: { from: ws.displayPhoneNumber, id: spec.contextWamid } } : {}),
        },
      ],
    }),
  );
}

export function textMessage(body: string): Value {
  return { type: "text", text: { body } };
}

export function buttonMessage(text: string, payload = text): Value {
  return { type: "button", button: { text, payload } };
}

/** A `user_preferences` webhook body. */
export function preferenceBody(
  ws: ConnectedWorkspace,
  waId: string,
  value: "stop" | "resume",
  at = new Date(),
) {
  return envelope(ws.wabaId, "user_preferences", {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: ws.displayPhoneNumber, phone_number_id: ws.metaPhoneNumberId },
    contacts: [{ wa_id: waId, profile: { name: "Sheena" } }],
    user_preferences: [
      {
        wa_id: waId,
        detail:
          value === "stop"
            ? "User requested to stop marketing messages"
            : "User requested to resume marketing messages",
        category: "marketing_messages",
        value,
        timestamp: Number(unixSeconds(at)),
      },
    ],
  });
}

/** A `message_template_status_update` webhook body. */
export function templateStatusBody(
  ws: ConnectedWorkspace,
  values: { event: string; templateId: string; name: string; language?: string; reason?: string },
) {
  return envelope(ws.wabaId, "message_template_status_update", {
    event: values.event,
    message_template_id: Number(values.templateId),
    message_template_name: values.name,
    message_template_language: values.language ?? "en_US",
    reason: values.reason ?? "NONE",
    message_template_category: "MARKETING",
  });
}

/** A POST to the webhook route as Meta makes it: the exact bytes, signed with the app secret. */
export function signedPost(
  body: unknown,
  options: { secret?: string | null; headers?: Record<string, string>; raw?: string } = {},
): Request {
  const raw = options.raw ?? JSON.stringify(body);
  const secret = options.secret === undefined ? env().META_APP_SECRET : options.secret;
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (secret !== null && !("x-hub-signature-256" in headers))
    headers["x-hub-signature-256"] = signPayload(raw, secret);
  return new Request(WEBHOOK_URL, { method: "POST", headers, body: raw });
}

/** Stores a delivery as the route does (signed, checked, deduplicated) without processing it. */
export async function storeDelivery(body: unknown): Promise<number> {
  const raw = new TextEncoder().encode(JSON.stringify(body));
  const received = await receiveWebhook(raw, signPayload(raw, env().META_APP_SECRET));
  if (!received.ok) throw new Error(`delivery refused: ${received.message}`);
  if (received.eventId === null) throw new Error("delivery was a replay");
  return received.eventId;
}

/** Stores a delivery and processes it at once, as the work after the route's response does. */
export async function deliver(body: unknown): Promise<ProcessOutcome> {
  return processWebhookEvent(await storeDelivery(body));
}

/** Collects the domain events of one workspace until `stop()`. */
export function recordDomainEvents(workspaceId: string): { events: DomainEvent[]; stop: () => void } {
  const events: DomainEvent[] = [];
  const stop = onDomainEvent((event) => {
    if (event.data.workspaceId === workspaceId) events.push(event);
  });
  return { events, stop: () => void stop() };
}
