import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contacts } from "@/db/schema";
import { logger } from "@/server/logger";
import { onDomainEvent, type DomainEvent } from "@/server/events";
import { inngest } from "@/server/inngest/client";
import { OPTED_OUT_EVENT, REPLY_EVENT } from "@/server/inngest/events";
import { cancelRunsOfContact, triggerFlows } from "@/server/services/runs/start-runs";

/**
 * Connects the channel's domain events to the flow runtime: replies resume waiting runs (and may start
 * keyword-triggered flows), opt-outs cancel the contact's runs. Installed once per process.
 */
export async function handleDomainEvent(event: DomainEvent): Promise<void> {
  switch (event.name) {
    case "whatsapp/reply": {
      const { data } = event;
      const payload = { ...data, receivedAtMs: Date.parse(data.receivedAt) };
      await inngest().send({ name: REPLY_EVENT, id: `reply-${data.messageId}`, data: payload });
      // A wait registers a moment after its last look in the database: a reply landing in that gap would
      // be missed (inngest#1433). Sending it again shortly after closes the gap; each wait only takes
      // replies received after it began (`receivedAtMs`), so a repeat never answers a later wait.
      for (const [i, delay] of REPLY_REPEATS_MS.entries()) {
        setTimeout(() => {
          inngest()
            .send({ name: REPLY_EVENT, id: `reply-${data.messageId}-${i + 1}`, data: payload })
            .catch((error: unknown) => logger.warn({ err: error }, "reply repeat not sent"));
        }, delay).unref();
      }
      const phone = data.phone ?? (await contactPhone(data.contactId));
      if (data.text && phone) {
        await triggerFlows({
          workspaceId: data.workspaceId,
          source: "keyword",
          name: data.text,
          contact: { phone },
          data: { text: data.text, type: data.type, messageId: data.messageId },
          idempotencyKey: `inbound:${data.messageId}`,
        });
      }
      return;
    }
    case "contact/opted-out": {
      const { data } = event;
      if (data.contactId && data.scope === "all") {
        await cancelRunsOfContact(
          data.workspaceId,
          data.contactId,
          "opted_out",
          data.originRunId || undefined,
        );
      }
      await inngest().send({ name: OPTED_OUT_EVENT, data: { ...data, originRunId: data.originRunId ?? "" } });
      return;
    }
    case "contact/opted-in":
      return;
  }
}

/** Repeats of a reply event after the first: see the whatsapp/reply case. */
const REPLY_REPEATS_MS = [1_500, 5_000];

async function contactPhone(contactId: string): Promise<string | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ phone: contacts.phone })
    .from(contacts)
    .where(eq(contacts.id, contactId))
    .limit(1);
  return row?.phone;
}

const holder = globalThis as unknown as { __raqiBridge?: () => void };

export function installInngestBridge(): void {
  holder.__raqiBridge ??= onDomainEvent(async (event) => {
    try {
      await handleDomainEvent(event);
    } catch (error) {
      logger.error({ err: error, event: event.name }, "flow runtime could not take a domain event");
    }
  });
}
