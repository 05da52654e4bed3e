import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { MESSAGE_STATUS_RANK } from "@/db/schema";
import type { CollapsedStatus } from "./collapse-statuses";
import { executePrepared } from "./sql-rows";

export interface StatusOutcome {
  /** Messages whose row changed (status or a first timestamp). */
  changed: number;
  /** Statuses for wamids this workspace has no outbound message with (yet). */
  unknown: CollapsedStatus[];
  /** Messages that got their first `failed` from this event, with the recipient's contact. */
  newlyFailed: { status: CollapsedStatus; contactId: string | null }[];
}

/** `messages.status` as its rank, from MESSAGE_STATUS_RANK (one table, used by SQL and JS alike). */
const rankOfStatus = sql.raw(
  `(case m.status ${Object.entries(MESSAGE_STATUS_RANK)
    .map(([status, rank]) => `when '${status}' then ${rank}`)
    .join(" ")} else 0 end)`,
);

/**
 * Applies one POST's collapsed statuses to the workspace's outbound messages in a single statement:
 * - the status only moves up MESSAGE_STATUS_RANK (failed is overtaken only by delivered/read);
 * - each timestamp keeps its earliest value, and an earlier status's time is never invented;
 * - the first failure's error is kept;
 * - a row is written only when something changes, so re-applying an event writes nothing.
 * Rows are locked in id order first, so concurrent events touching the same messages cannot deadlock.
 */
export async function applyStatuses(
  tx: Executor,
  workspaceId: string,
  statuses: CollapsedStatus[],
): Promise<StatusOutcome> {
  if (statuses.length === 0) return { changed: 0, unknown: [], newlyFailed: [] };
  const input = JSON.stringify(
    statuses.map((s) => ({
      wamid: s.wamid,
      status: s.status,
      rank: s.rank,
      sent_at: s.sentAt,
      delivered_at: s.deliveredAt,
      read_at: s.readAt,
      failed_at: s.failedAt,
      error_code: s.errorCode,
      error_title: s.errorTitle,
      error_details: s.errorDetails,
    })),
  );
  const rows = await executePrepared<{
    wamid: string;
    known: boolean;
    changed: boolean;
    newly_failed: boolean;
    contact_id: string | null;
  }>(
    tx,
    "webhook_apply_statuses",
    sql`
    with input as (
      select * from jsonb_to_recordset(${input}::jsonb) as u(
        wamid text, status text, rank int, sent_at timestamptz, delivered_at timestamptz,
        read_at timestamptz, failed_at timestamptz, error_code int, error_title text, error_details text)
    ),
    current as (
      select m.id, m.wamid, m.contact_id, m.failed_at
      from messages m join input u on u.wamid = m.wamid
      where m.workspace_id = ${workspaceId} and m.direction = 'out'
      order by m.id
      for update of m
    ),
    changed as (
      update messages m set
        status = case when u.rank > ${rankOfStatus} then u.status else m.status end,
        sent_at = least(m.sent_at, u.sent_at),
        delivered_at = least(m.delivered_at, u.delivered_at),
        read_at = least(m.read_at, u.read_at),
        failed_at = least(m.failed_at, u.failed_at),
        error_code = case when m.failed_at is null and u.failed_at is not null then u.error_code else m.error_code end,
        error_title = case when m.failed_at is null and u.failed_at is not null then u.error_title else m.error_title end,
        error_details = case when m.failed_at is null and u.failed_at is not null then u.error_details else m.error_details end,
        updated_at = now()
      from current c join input u on u.wamid = c.wamid
      where m.id = c.id and (
        u.rank > ${rankOfStatus}
        or u.sent_at < coalesce(m.sent_at, 'infinity')
        or u.delivered_at < coalesce(m.delivered_at, 'infinity')
        or u.read_at < coalesce(m.read_at, 'infinity')
        or u.failed_at < coalesce(m.failed_at, 'infinity'))
      returning m.id
    )
    select u.wamid,
      (c.id is not null) as known,
      (x.id is not null) as changed,
      (x.id is not null and c.failed_at is null and u.failed_at is not null) as newly_failed,
      c.contact_id
    from input u
    left join current c on c.wamid = u.wamid
    left join changed x on x.id = c.id`,
  );

  const byWamid = new Map(statuses.map((s) => [s.wamid, s]));
  const outcome: StatusOutcome = { changed: 0, unknown: [], newlyFailed: [] };
  for (const row of rows) {
    const status = byWamid.get(row.wamid);
    if (!status) continue;
    if (!row.known) outcome.unknown.push(status);
    if (row.changed) outcome.changed += 1;
    if (row.newly_failed) outcome.newlyFailed.push({ status, contactId: row.contact_id });
  }
  return outcome;
}
