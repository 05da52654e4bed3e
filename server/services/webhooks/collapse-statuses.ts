import { MESSAGE_STATUS_RANK } from "@/db/schema/messages";
import type { WebhookStatus, WebhookStatusValue } from "@/lib/whatsapp/webhook";

export type AppliedStatus = "sent" | "delivered" | "read" | "failed";

/** Everything one POST says about one wamid, merged: the furthest status and the first time of each. */
export interface CollapsedStatus {
  wamid: string;
  recipientId: string;
  status: AppliedStatus;
  rank: number;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  failedAt: Date | null;
  errorCode: number | null;
  errorTitle: string | null;
  errorDetails: string | null;
}

/** Meta's status words mapped to ours; `played` (a voice message listened to) proves it was read. */
const STATUS_OF: Record<WebhookStatusValue, AppliedStatus> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  played: "read",
  failed: "failed",
};

const TIME_FIELD = {
  sent: "sentAt",
  delivered: "deliveredAt",
  read: "readAt",
  failed: "failedAt",
} as const satisfies Record<AppliedStatus, keyof CollapsedStatus>;

function earliest(a: Date | null, b: Date): Date {
  return a && a.getTime() <= b.getTime() ? a : b;
}

/**
 * Merges the statuses of one POST per wamid, so the database sees one row per message. Duplicates
 * (same id and status) collapse to one; order inside the POST does not matter. Statuses Raqi does not
 * track (e.g. `deleted`) are returned in `ignored`.
 */
export function collapseStatuses(
  statuses: Pick<WebhookStatus, "id" | "status" | "timestamp" | "recipientId" | "errors">[],
): { collapsed: CollapsedStatus[]; ignored: number } {
  const byWamid = new Map<string, CollapsedStatus>();
  let ignored = 0;
  for (const update of statuses) {
    const status = STATUS_OF[update.status];
    if (!status || Number.isNaN(update.timestamp.getTime())) {
      ignored += 1;
      continue;
    }
    let entry = byWamid.get(update.id);
    if (!entry) {
      entry = {
        wamid: update.id,
        recipientId: update.recipientId,
        status,
        rank: MESSAGE_STATUS_RANK[status],
        sentAt: null,
        deliveredAt: null,
        readAt: null,
        failedAt: null,
        errorCode: null,
        errorTitle: null,
        errorDetails: null,
      };
      byWamid.set(update.id, entry);
    }
    const rank = MESSAGE_STATUS_RANK[status];
    if (rank > entry.rank) {
      entry.status = status;
      entry.rank = rank;
    }
    const field = TIME_FIELD[status];
    const first = entry[field] === null || update.timestamp.getTime() < (entry[field]?.getTime() ?? Infinity);
    entry[field] = earliest(entry[field], update.timestamp);
    if (status === "failed" && first) {
      const [error] = update.errors;
      entry.errorCode = error?.code ?? null;
      entry.errorTitle = error?.title ?? error?.message ?? null;
      // Meta's `message` usually repeats the title; the useful sentence is in error_data.details.
      const message = error?.title && error.message && error.message !== error.title ? error.message : null;
      entry.errorDetails = error?.details ?? message;
    }
  }
  return { collapsed: [...byWamid.values()], ignored };
}
