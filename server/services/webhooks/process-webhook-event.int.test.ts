import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { messages, suppressions, webhookEvents } from "@/db/schema";
import { logger } from "@/server/logger";
import { phoneHash } from "@/server/services/contacts/suppressions";
import { auditEntries, openTestDatabase } from "@/server/testing/fixtures";
import { processPendingWebhooks, processWebhookEvent } from "./process-webhook-event";
import { MAX_UNKNOWN_STATUS_RETRIES } from "./retry-policy";
import { startWebhookSweeper, stopWebhookSweeper } from "./sweep-webhooks";
import {
  createConnectedWorkspace,
  deliver,
  inboundBody,
  insertOutboundMessage,
  messageByWamid,
  preferenceBody,
  randomWaId,
  randomWamid,
  recordDomainEvents,
  statusBody,
  storeDelivery,
  textMessage,
  type ConnectedWorkspace,
  type OutboundFixture,
  type StatusSpec,
} from "./test-fixtures";

beforeAll(openTestDatabase);
afterEach(() => {
  vi.restoreAllMocks();
});

const t = (second: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, second));

let ws: ConnectedWorkspace;
beforeAll(async () => {
  ws = await createConnectedWorkspace("statuses");
});

function spec(
  out: OutboundFixture,
  status: StatusSpec["status"],
  at: Date,
  error?: StatusSpec["error"],
): StatusSpec {
  return { wamid: out.wamid, status, at, recipientWaId: out.waId, ...(error ? { error } : {}) };
}

async function eventRow(id: number) {
  const db = await getDb();
  const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, id));
  if (!row) throw new Error(`no event ${id}`);
  return row;
}

async function isSuppressed(phone: string, scope: "marketing" | "all") {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, ws.workspaceId),
        eq(suppressions.phoneHash, phoneHash(ws.workspaceId, phone)),
        eq(suppressions.scope, scope),
      ),
    );
  return row;
}

describe("status webhooks", () => {
  it("end in the furthest state whatever order they arrive in, keeping each status's first time", async () => {
    const out = await insertOutboundMessage(ws);

    await deliver(statusBody(ws, [spec(out, "read", t(30))]));
    await deliver(statusBody(ws, [spec(out, "delivered", t(20))]));
    await deliver(statusBody(ws, [spec(out, "sent", t(10))]));

    expect(await messageByWamid(out.wamid)).toMatchObject({
      status: "read",
      sentAt: t(10),
      deliveredAt: t(20),
      readAt: t(30),
      failedAt: null,
    });
  });

  it("never invent the time of a status that did not arrive", async () => {
    const out = await insertOutboundMessage(ws);

    await deliver(statusBody(ws, [spec(out, "read", t(30))]));

    expect(await messageByWamid(out.wamid)).toMatchObject({
      status: "read",
      sentAt: null,
      deliveredAt: null,
    });
  });

  it("keep a read message read when a failure arrives after it", async () => {
    const out = await insertOutboundMessage(ws);

    await deliver(statusBody(ws, [spec(out, "read", t(30))]));
    await deliver(
      statusBody(ws, [spec(out, "failed", t(40), { code: 131026, title: "Message undeliverable" })]),
    );

    expect((await messageByWamid(out.wamid))?.status).toBe("read");
  });

  it("record a failure with its decoded error, overtaken only by a later proof of delivery", async () => {
    const out = await insertOutboundMessage(ws);
    const error = {
      code: 131026,
      title: "Message undeliverable",
      details: "Receiver is incapable of receiving this message",
    };

    await deliver(statusBody(ws, [spec(out, "failed", t(15), error)]));
    await deliver(statusBody(ws, [spec(out, "sent", t(10))]));
    const failed = await messageByWamid(out.wamid);
    await deliver(statusBody(ws, [spec(out, "delivered", t(20))]));

    expect(failed).toMatchObject({
      status: "failed",
      failedAt: t(15),
      sentAt: t(10),
      errorCode: 131026,
      errorTitle: "Message undeliverable",
      errorDetails: "Receiver is incapable of receiving this message",
    });
    expect((await messageByWamid(out.wamid))?.status).toBe("delivered");
  });

  it("count played as read", async () => {
    const out = await insertOutboundMessage(ws);

    await deliver(statusBody(ws, [spec(out, "delivered", t(20)), spec(out, "played", t(25))]));

    expect(await messageByWamid(out.wamid)).toMatchObject({ status: "read", readAt: t(25) });
  });

  it("collapse duplicates and mixed updates of one POST, and change nothing when delivered again", async () => {
    const a = await insertOutboundMessage(ws);
    const b = await insertOutboundMessage(ws);
    const updates = [
      spec(a, "delivered", t(20)),
      spec(b, "sent", t(11)),
      spec(a, "sent", t(10)),
      spec(a, "delivered", t(20)),
      spec(b, "sent", t(11)),
    ];

    const first = await deliver(statusBody(ws, updates));
    const afterFirst = [await messageByWamid(a.wamid), await messageByWamid(b.wamid)];
    // Meta redelivers the same updates in another POST (different bytes, so a new event).
    const again = await deliver(statusBody(ws, [...updates].reverse()));

    expect(first).toMatchObject({ outcome: "processed", summary: { statuses: 5, statusesApplied: 2 } });
    expect(again).toMatchObject({ outcome: "processed", summary: { statuses: 5, statusesApplied: 0 } });
    expect([await messageByWamid(a.wamid), await messageByWamid(b.wamid)]).toEqual(afterFirst);
    expect(afterFirst[0]).toMatchObject({ status: "delivered", sentAt: t(10), deliveredAt: t(20) });
  });

  it("leave a processed event alone, and change nothing when one is processed again", async () => {
    const out = await insertOutboundMessage(ws);
    const id = await storeDelivery(statusBody(ws, [spec(out, "delivered", t(20))]));
    await processWebhookEvent(id);
    const before = await messageByWamid(out.wamid);

    const repeat = await processWebhookEvent(id);
    const db = await getDb();
    await db.update(webhookEvents).set({ processedAt: null }).where(eq(webhookEvents.id, id));
    const forced = await processWebhookEvent(id);

    expect(repeat).toEqual({ outcome: "skipped" });
    expect(forced).toMatchObject({ outcome: "processed", summary: { statusesApplied: 0 } });
    expect(await messageByWamid(out.wamid)).toEqual(before);
  });

  it("suppress marketing for a recipient Meta refused with 131050, once", async () => {
    const out = await insertOutboundMessage(ws);
    const recorded = recordDomainEvents(ws.workspaceId);
    const stopped = { code: 131050, title: "User has stopped marketing messages" };

    await deliver(statusBody(ws, [spec(out, "failed", t(12), stopped)]));
    await deliver(statusBody(ws, [spec(out, "failed", t(12), stopped), spec(out, "sent", t(10))]));
    recorded.stop();

    expect(await isSuppressed(out.phone, "marketing")).toMatchObject({ source: "meta_131050" });
    expect(await isSuppressed(out.phone, "all")).toBeUndefined();
    expect(recorded.events).toEqual([
      {
        name: "contact/opted-out",
        data: {
          workspaceId: ws.workspaceId,
          contactId: out.contactId,
          scope: "marketing",
          source: "meta_131050",
        },
      },
    ]);
    const audit = await auditEntries({ id: ws.workspaceId }, "contact.opt_out");
    expect(audit.filter((entry) => entry.targetId === out.contactId)).toHaveLength(1);
  });

  it("only store a 131047 failure (outside the window): no suppression", async () => {
    const out = await insertOutboundMessage(ws);

    await deliver(
      statusBody(ws, [spec(out, "failed", t(12), { code: 131047, title: "Re-engagement message" })]),
    );

    expect(await messageByWamid(out.wamid)).toMatchObject({ status: "failed", errorCode: 131047 });
    expect(await isSuppressed(out.phone, "marketing")).toBeUndefined();
  });

  it("apply only to the workspace that owns the number", async () => {
    const other = await createConnectedWorkspace("other");
    const theirs = await insertOutboundMessage(other);

    await deliver(
      statusBody(ws, [{ wamid: theirs.wamid, status: "read", at: t(30), recipientWaId: theirs.waId }]),
    );

    expect((await messageByWamid(theirs.wamid))?.status).toBe("accepted");
  });
});

describe("statuses for messages not stored yet", () => {
  it("are retried with backoff and applied once the message exists, the rest applied at once", async () => {
    const known = await insertOutboundMessage(ws);
    const lateWamid = randomWamid();
    const to = randomWaId();
    const id = await storeDelivery(
      statusBody(ws, [
        spec(known, "sent", t(10)),
        { wamid: lateWamid, status: "sent", at: t(11), recipientWaId: to.waId },
      ]),
    );

    const first = await processWebhookEvent(id);
    const waiting = await eventRow(id);
    await insertOutboundMessage(ws, { wamid: lateWamid, to });
    const second = await processWebhookEvent(id);

    expect(first).toMatchObject({ outcome: "retry", summary: { statusesApplied: 1, statusesUnknown: 1 } });
    expect(waiting).toMatchObject({
      processedAt: null,
      attempts: 1,
      lastError: "1 statuses for unknown messages",
    });
    expect(waiting.nextAttemptAt.getTime() - waiting.receivedAt.getTime()).toBeLessThan(5_000);
    expect(second).toMatchObject({
      outcome: "processed",
      summary: { statusesApplied: 1, statusesUnknown: 0 },
    });
    expect(await eventRow(id)).toMatchObject({ attempts: 2, lastError: null });
    expect(await messageByWamid(lateWamid)).toMatchObject({ status: "sent", sentAt: t(11) });
  });

  it("are given up after the last retry, the event marked processed with the count", async () => {
    const id = await storeDelivery(
      statusBody(ws, [
        { wamid: randomWamid(), status: "delivered", at: t(20), recipientWaId: randomWaId().waId },
      ]),
    );

    const outcomes = [];
    for (let i = 0; i <= MAX_UNKNOWN_STATUS_RETRIES; i += 1)
      outcomes.push((await processWebhookEvent(id)).outcome);

    expect(outcomes).toEqual([...Array<string>(MAX_UNKNOWN_STATUS_RETRIES).fill("retry"), "processed"]);
    const row = await eventRow(id);
    expect(row.processedAt).toBeInstanceOf(Date);
    expect(row.lastError).toBe("1 statuses for unknown messages");
  });

  it("retry only the statuses: a preference applied on the first pass is not applied again", async () => {
    const person = randomWaId();
    const body = preferenceBody(ws, person.waId, "stop");
    const statuses = statusBody(ws, [
      { wamid: randomWamid(), status: "sent", at: t(10), recipientWaId: person.waId },
    ]);
    body.entry.push(...statuses.entry);
    const id = await storeDelivery(body);

    await processWebhookEvent(id);
    await deliver(preferenceBody(ws, person.waId, "resume", t(50)));
    await processWebhookEvent(id);

    expect(await isSuppressed(person.phone, "marketing")).toBeUndefined();
  });
});

describe("routing", () => {
  it("keeps and logs an event for a phone number no workspace has, and marks it processed", async () => {
    const warn = vi.spyOn(logger, "warn");
    const stranger = { ...ws, metaPhoneNumberId: "100000000000001" };
    const id = await storeDelivery(
      inboundBody(stranger, { from: randomWaId(), content: textMessage("hello?") }),
    );

    const outcome = await processWebhookEvent(id);

    expect(outcome).toMatchObject({ outcome: "processed", summary: { unrouted: 1, inbound: 0 } });
    expect(await eventRow(id)).toMatchObject({ lastError: null, attempts: 1 });
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: id, target: "phone_number_id 100000000000001", updates: 1 }),
      expect.any(String),
    );
  });

  it("logs the errors Meta reports in value.errors with their decoded meaning", async () => {
    const warn = vi.spyOn(logger, "warn");
    const body = statusBody(ws, []);
    const value = body.entry[0]?.changes[0]?.value as Record<string, unknown>;
    value.errors = [{ code: 131056, title: "Pair rate limit hit", error_data: { details: "too fast" } }];

    const outcome = await deliver(body);

    expect(outcome).toMatchObject({ outcome: "processed", summary: { errors: 1 } });
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ code: 131056, kind: "pair_limit", details: "too fast" }),
      expect.stringContaining("WhatsApp reported an error"),
    );
  });
});

describe("the sweep", () => {
  it("processes an event stored but never processed (the process died after the 200), once", async () => {
    const recorded = recordDomainEvents(ws.workspaceId);
    const wamid = randomWamid();
    const id = await storeDelivery(
      inboundBody(ws, { wamid, from: randomWaId(), content: textMessage("still there?") }),
    );
    const db = await getDb();
    await db
      .update(webhookEvents)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(webhookEvents.id, id));

    // Two sweeps and a late after-response task race for the same row.
    await Promise.all([
      processPendingWebhooks({ limit: 50 }),
      processPendingWebhooks({ limit: 50 }),
      processWebhookEvent(id),
    ]);
    recorded.stop();

    expect((await eventRow(id)).processedAt).toBeInstanceOf(Date);
    expect(await db.select().from(messages).where(eq(messages.wamid, wamid))).toHaveLength(1);
    expect(recorded.events.filter((e) => e.name === "whatsapp/reply")).toHaveLength(1);
  });

  it("runs periodically once started, and stops", async () => {
    const wamid = randomWamid();
    const id = await storeDelivery(
      inboundBody(ws, { wamid, from: randomWaId(), content: textMessage("sweep me") }),
    );
    const db = await getDb();
    await db
      .update(webhookEvents)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(webhookEvents.id, id));

    startWebhookSweeper(20);
    startWebhookSweeper(20); // a second start in the same process does nothing
    try {
      await vi.waitFor(async () => expect((await eventRow(id)).processedAt).toBeInstanceOf(Date), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      await stopWebhookSweeper();
    }
    expect(await messageByWamid(wamid)).toMatchObject({ direction: "in", preview: "sweep me" });
  });
});
