import "server-only";
import type { TriggerEventInput } from "@/lib/runs/inputs";
import type { ApiPrincipal } from "@/server/services/api-keys/api-keys";
import { triggerFlows, type TriggerResult } from "./start-runs";

export interface AcceptedEvent {
  id: string;
  duplicate: boolean;
  runs: TriggerResult["runs"];
}

/**
 * The REST trigger API: each event starts the published flows listening to its name. The request's
 * Idempotency-Key applies to a single event (a batch suffixes it with the event's index), unless the
 * event carries its own idempotencyKey.
 */
export async function receiveEvents(
  principal: ApiPrincipal,
  events: TriggerEventInput[],
  idempotencyKey: string | null,
): Promise<AcceptedEvent[]> {
  const accepted: AcceptedEvent[] = [];
  for (const [index, event] of events.entries()) {
    const key =
      event.idempotencyKey ??
      (idempotencyKey ? (events.length === 1 ? idempotencyKey : `${idempotencyKey}:${index}`) : undefined);
    const result = await triggerFlows({
      workspaceId: principal.workspaceId,
      source: "api",
      name: event.name,
      contact: event.contact,
      data: event.data,
      idempotencyKey: key ? `api:${key}` : undefined,
      apiKeyId: principal.apiKeyId,
    });
    accepted.push({ id: result.eventId, duplicate: result.duplicate, runs: result.runs });
  }
  return accepted;
}
