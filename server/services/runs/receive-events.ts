import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { triggerEvents } from "@/db/schema";
import type { TriggerEventInput } from "@/lib/runs/inputs";
import type { ApiPrincipal } from "@/server/services/api-keys/api-keys";
import { acceptTriggerEvents, type AcceptedTriggerEvent, type TriggerResult } from "./start-runs";

/**
 * The REST trigger API: each event starts the published flows listening to its name. Events are stored
 * and answered at once; their runs start right after the answer (see processTriggerEvents), and
 * `GET /api/v1/events/{id}` tells which. The request's Idempotency-Key applies to a single event (a batch
 * suffixes it with the event's index), unless the event carries its own idempotencyKey.
 */
export async function receiveEvents(
  principal: ApiPrincipal,
  events: TriggerEventInput[],
  idempotencyKey: string | null,
): Promise<AcceptedTriggerEvent[]> {
  return acceptTriggerEvents(
    events.map((event, index) => {
      const key =
        event.idempotencyKey ??
        (idempotencyKey ? (events.length === 1 ? idempotencyKey : `${idempotencyKey}:${index}`) : undefined);
      return {
        workspaceId: principal.workspaceId,
        source: "api" as const,
        name: event.name,
        contact: event.contact,
        data: event.data,
        idempotencyKey: key ? `api:${key}` : undefined,
        apiKeyId: principal.apiKeyId,
      };
    }),
  );
}

export interface EventStatus {
  id: string;
  name: string;
  /** pending: stored, its runs not started yet · processed: `runs` says what each listening flow did. */
  status: "pending" | "processed";
  receivedAt: Date;
  processedAt: Date | null;
  runs: TriggerResult["runs"];
  error?: string;
}

/** One event the workspace sent through the REST API, with the runs it started; null when unknown. */
export async function getEventStatus(principal: ApiPrincipal, eventId: string): Promise<EventStatus | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: triggerEvents.id,
      name: triggerEvents.name,
      outcome: triggerEvents.outcome,
      createdAt: triggerEvents.createdAt,
      processedAt: triggerEvents.processedAt,
    })
    .from(triggerEvents)
    .where(
      and(
        eq(triggerEvents.id, eventId),
        eq(triggerEvents.workspaceId, principal.workspaceId),
        eq(triggerEvents.source, "api"),
      ),
    )
    .limit(1);
  if (!row) return null;
  const outcome = row.outcome as { runs?: TriggerResult["runs"]; error?: string } | null;
  return {
    id: row.id,
    name: row.name,
    status: row.processedAt ? "processed" : "pending",
    receivedAt: row.createdAt,
    processedAt: row.processedAt,
    runs: outcome?.runs ?? [],
    ...(outcome?.error ? { error: outcome.error } : {}),
  };
}
