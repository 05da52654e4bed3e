import "server-only";
import { logger } from "@/server/logger";

/**
 * Domain events other parts of Raqi react to. The flow runtime forwards them to Inngest
 * (`contact/opted-out` cancels runs, `whatsapp/reply` resumes waits); tests subscribe directly.
 */
export type DomainEvent =
  | {
      name: "contact/opted-out";
      data: {
        workspaceId: string;
        contactId: string | null;
        scope: "marketing" | "all";
        source: string;
        /** The run whose opt-out node recorded it ("" otherwise): that run is not cancelled by it. */
        originRunId?: string;
      };
    }
  | { name: "contact/opted-in"; data: { workspaceId: string; contactId: string | null; source: string } }
  | {
      name: "whatsapp/reply";
      data: {
        workspaceId: string;
        contactId: string;
        /** E.164 of the contact (keyword triggers start runs for it). */
        phone?: string;
        messageId: string;
        wamid: string;
        type: string;
        text: string | null;
        replyId: string | null;
        contextWamid: string | null;
        replyToMessageId: string | null;
        runId: string | null;
        receivedAt: string;
      };
    };

export type DomainEventName = DomainEvent["name"];
type Listener = (event: DomainEvent) => void | Promise<void>;

const registry = globalThis as unknown as { __raqiEventListeners?: Set<Listener> };
const listeners = (registry.__raqiEventListeners ??= new Set<Listener>());

/** Subscribes to every domain event; returns the unsubscribe function. */
export function onDomainEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Hands the event to every listener; a failing listener is logged, never thrown to the emitter. */
export async function emitDomainEvent(event: DomainEvent): Promise<void> {
  logger.debug({ event: event.name }, "domain event");
  await Promise.all(
    [...listeners].map(async (listener) => {
      try {
        await listener(event);
      } catch (error) {
        logger.error({ err: error, event: event.name }, "domain event listener failed");
      }
    }),
  );
}
