import "server-only";
import type { Executor } from "@/db/client";
import { describeMetaError } from "@/lib/whatsapp/errors";
import type { OptOutSettings } from "@/lib/whatsapp/opt-out";
import type { WebhookStatus, WebhookUpdate } from "@/lib/whatsapp/webhook";
import type { DomainEvent } from "@/server/events";
import { logger } from "@/server/logger";
import { applyInbound } from "./apply-inbound";
import { applyPreference, suppressStoppedMarketing } from "./apply-preferences";
import { applyStatuses } from "./apply-statuses";
import { applyTemplateStatus } from "./apply-template-status";
import { collapseStatuses, type CollapsedStatus } from "./collapse-statuses";
import { getOptOutSettings } from "@/server/services/opt-out/opt-out-settings";
import { routeNumbers, routeWabas } from "./resolve-routes";

/** Meta's "user stopped marketing messages": the recipient must get no more marketing. */
const MARKETING_STOPPED = 131050;

/** What one event's updates did; also what the logs and the benchmark count. */
export interface UpdateSummary {
  /** Status updates in the event (before collapsing duplicates). */
  statuses: number;
  /** Message rows a status changed. */
  statusesApplied: number;
  /** Wamids with no outbound message in the workspace (yet). */
  statusesUnknown: number;
  /** New inbound messages (redeliveries not counted). */
  inbound: number;
  preferences: number;
  templates: number;
  /** Updates for a phone number or WABA no workspace has: logged and dropped. */
  unrouted: number;
  errors: number;
}

export interface AppliedUpdates {
  summary: UpdateSummary;
  /** Domain events to emit once the transaction commits. */
  events: DomainEvent[];
  /** Statuses to try again later, by workspace. */
  unknown: { workspaceId: string; status: CollapsedStatus }[];
}

/** A summary of nothing done. */
export function emptySummary(): UpdateSummary {
  return {
    statuses: 0,
    statusesApplied: 0,
    statusesUnknown: 0,
    inbound: 0,
    preferences: 0,
    templates: 0,
    unrouted: 0,
    errors: 0,
  };
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}

/**
 * Applies an event's updates inside the caller's transaction. Statuses are routed by phone number id
 * and applied per workspace in one statement; inbound messages, preferences and template updates
 * follow in delivery order. `statusesOnly`: a retry whose other updates were applied earlier.
 */
export async function applyUpdates(
  tx: Executor,
  eventId: number,
  updates: WebhookUpdate[],
  options: { statusesOnly: boolean },
): Promise<AppliedUpdates> {
  const summary = emptySummary();
  const events: DomainEvent[] = [];
  const unknown: AppliedUpdates["unknown"] = [];
  const work = options.statusesOnly ? updates.filter((u) => u.kind === "status") : updates;

  const numbers = await routeNumbers(
    tx,
    unique(
      work.map((u) =>
        u.kind === "status" || u.kind === "message" || u.kind === "user_preference"
          ? u.phoneNumberId
          : undefined,
      ),
    ),
  );
  const wabas = await routeWabas(
    tx,
    unique(
      work.map((u) => (u.kind === "template_status" || u.kind === "user_preference" ? u.wabaId : undefined)),
    ),
  );
  const unrouted = new Map<string, number>();
  const countUnrouted = (key: string) => {
    summary.unrouted += 1;
    unrouted.set(key, (unrouted.get(key) ?? 0) + 1);
  };

  // Statuses first, all of a workspace in one statement.
  const statusesByWorkspace = new Map<string, WebhookStatus[]>();
  for (const update of work) {
    if (update.kind !== "status") continue;
    summary.statuses += 1;
    const route = numbers.get(update.phoneNumberId);
    if (!route) {
      countUnrouted(`phone_number_id ${update.phoneNumberId}`);
      continue;
    }
    const list = statusesByWorkspace.get(route.workspaceId) ?? [];
    list.push(update.status);
    statusesByWorkspace.set(route.workspaceId, list);
  }
  for (const [workspaceId, statuses] of statusesByWorkspace) {
    const outcome = await applyStatuses(tx, workspaceId, collapseStatuses(statuses).collapsed);
    summary.statusesApplied += outcome.changed;
    summary.statusesUnknown += outcome.unknown.length;
    for (const status of outcome.unknown) unknown.push({ workspaceId, status });
    for (const { status, contactId } of outcome.newlyFailed) {
      // 131050 can come back as HTTP 200 and only later as a failed status (WHATSAPP.md, "Errors").
      if (status.errorCode === MARKETING_STOPPED) {
        events.push(...(await suppressStoppedMarketing(tx, workspaceId, status.recipientId, contactId)));
      }
    }
  }

  const settings = new Map<string, OptOutSettings>();
  for (const update of work) {
    switch (update.kind) {
      case "status":
        break;
      case "message": {
        const route = numbers.get(update.phoneNumberId);
        if (!route) {
          countUnrouted(`phone_number_id ${update.phoneNumberId}`);
          break;
        }
        let workspaceSettings = settings.get(route.workspaceId);
        if (!workspaceSettings) {
          workspaceSettings = await getOptOutSettings(route.workspaceId, tx);
          settings.set(route.workspaceId, workspaceSettings);
        }
        const produced = await applyInbound(
          tx,
          { workspaceId: route.workspaceId, phoneNumberId: route.phoneNumberId, settings: workspaceSettings },
          update.message,
          update.profileName,
        );
        if (produced.length > 0) summary.inbound += 1;
        events.push(...produced);
        break;
      }
      case "user_preference": {
        // The number the person wrote to names the workspace best; else every workspace on the WABA.
        const byNumber = update.phoneNumberId ? numbers.get(update.phoneNumberId) : undefined;
        const workspaceIds = byNumber ? [byNumber.workspaceId] : (wabas.get(update.wabaId) ?? []);
        if (workspaceIds.length === 0) countUnrouted(`waba ${update.wabaId}`);
        for (const workspaceId of workspaceIds) {
          events.push(...(await applyPreference(tx, workspaceId, update)));
          summary.preferences += 1;
        }
        break;
      }
      case "template_status": {
        const workspaceIds = wabas.get(update.wabaId) ?? [];
        if (workspaceIds.length === 0) countUnrouted(`waba ${update.wabaId}`);
        for (const workspaceId of workspaceIds)
          summary.templates += await applyTemplateStatus(tx, workspaceId, update);
        break;
      }
      case "error": {
        summary.errors += 1;
        const info = describeMetaError(update.error.code);
        logger.warn(
          {
            eventId,
            wabaId: update.wabaId,
            phoneNumberId: update.phoneNumberId,
            code: update.error.code,
            kind: info.kind,
            title: update.error.title ?? info.title,
            details: update.error.details,
            fix: info.fix,
          },
          `WhatsApp reported an error: ${info.explanation}`,
        );
        break;
      }
      case "unknown":
        logger.debug({ eventId, field: update.field }, "webhook update Raqi does not handle");
        break;
    }
  }

  for (const [target, count] of unrouted) {
    logger.warn(
      { eventId, target, updates: count },
      "webhook updates for a number or account no workspace has; dropped",
    );
  }
  return { summary, events, unknown };
}

/** Gives up on statuses whose message never appeared; a 131050 among them still suppresses the recipient. */
export async function abandonUnknownStatuses(
  tx: Executor,
  unknown: AppliedUpdates["unknown"],
): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (const { workspaceId, status } of unknown) {
    if (status.errorCode === MARKETING_STOPPED) {
      events.push(...(await suppressStoppedMarketing(tx, workspaceId, status.recipientId, null)));
    }
  }
  return events;
}
