import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { contacts, runs, suppressions, triggerEvents } from "@/db/schema";
import { triggerAccepts } from "@/lib/flow/nodes/trigger";
import { blockingScopes, phoneHash } from "@/server/services/contacts/suppressions";
import { candidates, type PublishedFlows } from "./published-flows";
import type { Handover, RunOutcome, TriggerRequest, TriggerResult } from "./start-runs";

/** A stored event ready to start its runs: its request and the phone in E.164. */
export interface PendingEvent {
  id: string;
  req: TriggerRequest;
  phone: string;
}

type ContactRow = { id: string; phone: string; name: string | null; attributes: Record<string, unknown> };

/**
 * Starts the runs of recorded events (a batch of the processor's, or the one event of a manual start or
 * an inbound keyword): upserts their contacts, and for each listening published flow checks the
 * contact's suppressions, the trigger's filter and the flow's run policy (skip / restart / queue) before
 * creating the run. A handful of statements in all (one contact upsert, one suppression read and one
 * active-run read per workspace, one run insert, one event update) and the decisions in memory, event
 * after event in arrival order — so a contact triggered twice in a batch is skipped, queued or restarted
 * as it would be one event at a time. Closes the events with their outcomes (also returned, by event id);
 * runs to hand to Inngest are added to `handover`. A conflict with a run started meanwhile by another
 * path (the one-active-run index) fails the call; the processor then starts the events one by one.
 */
export async function startRunsForBatch(
  tx: Executor,
  events: PendingEvent[],
  published: PublishedFlows,
  handover: Handover,
): Promise<Map<string, TriggerResult["runs"]>> {
  const outcomes = new Map<string, TriggerResult["runs"]>();
  const newRuns: (typeof runs.$inferInsert)[] = [];
  const cancelled: string[] = [];
  const byWorkspace = new Map<string, PendingEvent[]>();
  for (const event of events) {
    const list = byWorkspace.get(event.req.workspaceId) ?? [];
    list.push(event);
    byWorkspace.set(event.req.workspaceId, list);
  }
  for (const [workspaceId, list] of byWorkspace) {
    const contactOf = await upsertContacts(tx, workspaceId, list);
    const flowsOf = await published.get(tx, workspaceId);
    const found = new Map(list.map((e) => [e.id, candidates(flowsOf, e.req)]));
    const listening = list.filter((e) => (found.get(e.id) ?? []).length > 0);
    const blocked = await blockedPhones(
      tx,
      workspaceId,
      listening.map((e) => e.phone),
    );
    const contactIds = [...new Set(listening.map((e) => contactOf.get(e.phone)?.id ?? ""))];
    const flowIds = [...new Set(listening.flatMap((e) => (found.get(e.id) ?? []).map((c) => c.flowId)))];
    const active = new Map<string, string>();
    if (contactIds.length > 0 && flowIds.length > 0) {
      const rows = await tx
        .select({ id: runs.id, flowId: runs.flowId, contactId: runs.contactId })
        .from(runs)
        .where(
          and(eq(runs.status, "running"), inArray(runs.contactId, contactIds), inArray(runs.flowId, flowIds)),
        )
        .for("update");
      for (const row of rows) active.set(`${row.flowId}:${row.contactId ?? ""}`, row.id);
    }
    for (const event of list) {
      const { req } = event;
      const contact = contactOf.get(event.phone);
      if (!contact) throw new Error(`contact upsert returned no row for an event`);
      const scope = {
        event: req.data,
        contact: { phone: event.phone, name: contact.name, attributes: contact.attributes },
      };
      const result: TriggerResult["runs"] = [];
      const mine = found.get(event.id) ?? [];
      for (const candidate of mine) {
        if (blocked.has(event.phone)) {
          result.push({ flowId: candidate.flowId, runId: null, outcome: "suppressed" });
          continue;
        }
        if (!triggerAccepts(candidate.config, scope)) {
          result.push({ flowId: candidate.flowId, runId: null, outcome: "filtered" });
          continue;
        }
        const key = `${candidate.flowId}:${contact.id}`;
        const running = active.get(key);
        let status: "running" | "queued" = "running";
        let outcome: RunOutcome = "started";
        if (running) {
          if (candidate.runPolicy === "skip") {
            result.push({ flowId: candidate.flowId, runId: running, outcome: "skipped_active" });
            continue;
          }
          if (candidate.runPolicy === "restart") {
            // Started earlier in this batch: it is stored cancelled and never handed over.
            const earlier = newRuns.find((r) => r.id === running);
            if (earlier) earlier.status = "cancelled";
            else cancelled.push(running);
            outcome = "restarted";
          } else {
            status = "queued";
            outcome = "queued";
          }
        }
        const runId = crypto.randomUUID();
        newRuns.push({
          id: runId,
          workspaceId,
          flowId: candidate.flowId,
          flowVersion: candidate.version,
          contactId: contact.id,
          status,
          triggerSource: req.source,
          triggerEventId: event.id,
          triggerNodeId: candidate.nodeId,
          startedBy: req.startedBy ?? null,
        });
        if (status === "running") active.set(key, runId);
        result.push({ flowId: candidate.flowId, runId, outcome });
      }
      if (req.flowId && mine.length === 0) {
        result.push({ flowId: req.flowId, runId: null, outcome: "not_published" });
      }
      outcomes.set(event.id, result);
    }
  }
  if (cancelled.length > 0) {
    await tx
      .update(runs)
      .set({
        status: "cancelled",
        failureCode: "restarted",
        failureMessage: "Restarted by a new trigger",
        endedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(inArray(runs.id, cancelled));
    handover.cancelled.push(...cancelled);
  }
  if (newRuns.length > 0) {
    await tx.insert(runs).values(
      newRuns.map((run) =>
        run.status === "cancelled"
          ? {
              ...run,
              failureCode: "restarted",
              failureMessage: "Restarted by a new trigger",
              endedAt: sql`now()`,
            }
          : run,
      ),
    );
    for (const run of newRuns) {
      if (run.status === "running" && run.id && run.contactId) {
        handover.started.push({
          runId: run.id,
          flowId: run.flowId,
          contactId: run.contactId,
          workspaceId: run.workspaceId,
        });
      }
    }
  }
  const values = events.map(
    (e) => sql`(${e.id}, ${JSON.stringify({ runs: outcomes.get(e.id) ?? [] })}::jsonb)`,
  );
  await tx.execute(sql`
    update ${triggerEvents} set outcome = v.outcome, processed_at = now()
    from (values ${sql.join(values, sql`, `)}) as v(id, outcome)
    where ${triggerEvents.id} = v.id`);
  return outcomes;
}

/** One statement for the batch's contacts of a workspace, merged per phone in arrival order. */
async function upsertContacts(
  tx: Executor,
  workspaceId: string,
  events: PendingEvent[],
): Promise<Map<string, ContactRow>> {
  const merged = new Map<
    string,
    { name: string | null; attributes: Record<string, unknown>; consentSource: string }
  >();
  for (const { req, phone } of events) {
    const before = merged.get(phone);
    merged.set(phone, {
      name: req.contact.name ?? before?.name ?? null,
      attributes: { ...before?.attributes, ...req.contact.attributes },
      consentSource: before?.consentSource ?? (req.source === "keyword" ? "inbound" : req.source),
    });
  }
  const rows = await tx
    .insert(contacts)
    .values(
      [...merged].map(([phone, c]) => ({
        workspaceId,
        phone,
        name: c.name,
        attributes: c.attributes,
        consentSource: c.consentSource,
        consentAt: new Date(),
      })),
    )
    .onConflictDoUpdate({
      target: [contacts.workspaceId, contacts.phone],
      set: {
        name: sql`coalesce(excluded.name, ${contacts.name})`,
        attributes: sql`${contacts.attributes} || excluded.attributes`,
        consentSource: sql`coalesce(${contacts.consentSource}, excluded.consent_source)`,
        consentAt: sql`coalesce(${contacts.consentAt}, excluded.consent_at)`,
        updatedAt: sql`now()`,
      },
    })
    .returning({
      id: contacts.id,
      phone: contacts.phone,
      name: contacts.name,
      attributes: contacts.attributes,
    });
  return new Map(rows.map((r) => [r.phone, r as ContactRow]));
}

/** The phones among these that a suppression of scope "all" blocks. */
async function blockedPhones(tx: Executor, workspaceId: string, phones: string[]): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const byHash = new Map(phones.map((p) => [phoneHash(workspaceId, p), p]));
  const rows = await tx
    .select({ hash: suppressions.phoneHash })
    .from(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, workspaceId),
        inArray(suppressions.phoneHash, [...byHash.keys()]),
        inArray(suppressions.scope, blockingScopes(false)),
      ),
    );
  return new Set(rows.flatMap((r) => byHash.get(r.hash) ?? []));
}
