import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { messages, phoneNumbers, whatsappConnections } from "@/db/schema";
import { onDomainEvent, type DomainEvent } from "@/server/events";
import { AppError } from "@/server/errors";
import { appSandbox, createConnectedWorkspace, markInbound } from "@/server/testing/channel-fixtures";
import { openTestDatabase } from "@/server/testing/fixtures";
import { addSuppression, findBlockingSuppression } from "@/server/services/contacts/suppressions";
import { reserveRecipientSlot, PAIR_INTERVAL_MS } from "./pacing";
import { RetryableSendError, sendMessage } from "./send-message";

beforeAll(openTestDatabase);
afterEach(() => appSandbox().faults.clear());

let counter = 0;
/** A fresh +1 650 555 01xx-style number per test, so recipients never share a pair-rate budget. */
function uniquePhone(): string {
  counter += 1;
  return `+1650555${String(1000 + ((Date.now() + counter * 7919) % 9000)).padStart(4, "0")}`;
}

const orderShipped = (values = { "body.1": "Sara", "body.2": "#1042" }) => ({
  type: "template" as const,
  name: "order_shipped",
  language: "en_US",
  values,
});

async function refusal(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    if (error instanceof AppError) return error;
  }
  throw new Error("expected the send to be refused");
}

async function messagesTo(workspaceId: string) {
  const db = await getDb();
  return db.select().from(messages).where(eq(messages.workspaceId, workspaceId));
}

describe("sendMessage", () => {
  it("sends an approved template: built from the template, recorded with Meta's wamid, contact in E.164", async () => {
    const ws = await createConnectedWorkspace("send");
    const result = await sendMessage(ws.workspace.id, { to: "+1 (650) 555-0100", content: orderShipped() });
    expect(result).toMatchObject({ status: "accepted", deduplicated: false });
    expect(result.wamid).toMatch(/^wamid\./);
    const [sent] = appSandbox().sent({ phoneNumberId: ws.metaPhoneNumberId, to: "16505550100" });
    expect(sent?.payload).toMatchObject({
      type: "template",
      to: "+16505550100",
      template: {
        name: "order_shipped",
        language: { code: "en_US" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Sara" },
              { type: "text", text: "#1042" },
            ],
          },
          {
            type: "button",
            sub_type: "quick_reply",
            index: "0",
            parameters: [{ type: "payload", payload: "Track order" }],
          },
          {
            type: "button",
            sub_type: "quick_reply",
            index: "1",
            parameters: [{ type: "payload", payload: "Talk to us" }],
          },
        ],
      },
    });
    const [row] = await messagesTo(ws.workspace.id);
    expect(row).toMatchObject({
      direction: "out",
      status: "accepted",
      wamid: result.wamid,
      templateName: "order_shipped",
      category: "UTILITY",
      preview: "Hi Sara, your order #1042 has shipped.",
    });
  });

  it("refuses an unknown number, an unknown or unapproved template and a missing variable, sending nothing", async () => {
    const ws = await createConnectedWorkspace("refuse");
    const to = uniquePhone();
    expect(
      (await refusal(sendMessage(ws.workspace.id, { to: "12", content: orderShipped() }))).details,
    ).toMatchObject({
      reason: "invalid_phone",
    });
    const unknown = await refusal(
      sendMessage(ws.workspace.id, {
        to,
        content: { type: "template", name: "nope", language: "en_US", values: {} },
      }),
    );
    expect(unknown.details).toMatchObject({ reason: "template_unknown" });
    const paused = await refusal(
      sendMessage(ws.workspace.id, {
        to,
        content: { type: "template", name: "old_promo", language: "en_US", values: {} },
      }),
    );
    expect(paused.details).toMatchObject({ reason: "template_not_approved", status: "PAUSED" });
    const missing = await refusal(
      sendMessage(ws.workspace.id, { to, content: orderShipped({ "body.1": "Sara" } as never) }),
    );
    expect(missing.details).toMatchObject({ reason: "invalid_message" });
    expect(missing.message).toContain("body.2");
    expect(await messagesTo(ws.workspace.id)).toHaveLength(0);
    expect(appSandbox().sent({ phoneNumberId: ws.metaPhoneNumberId })).toHaveLength(0);
  });

  it("refuses a suppressed recipient: 'all' blocks everything, 'marketing' only marketing templates", async () => {
    const ws = await createConnectedWorkspace("supp");
    const db = await getDb();
    const everything = uniquePhone();
    await db.transaction((tx) =>
      addSuppression({ workspaceId: ws.workspace.id, phone: everything, scope: "all", source: "manual" }, tx),
    );
    const blocked = await refusal(sendMessage(ws.workspace.id, { to: everything, content: orderShipped() }));
    expect(blocked.details).toMatchObject({ reason: "suppressed", scope: "all" });

    const promotions = uniquePhone();
    await db.transaction((tx) =>
      addSuppression(
        { workspaceId: ws.workspace.id, phone: promotions, scope: "marketing", source: "keyword" },
        tx,
      ),
    );
    const offer = {
      type: "template" as const,
      name: "weekly_offer",
      language: "en_US",
      values: {
        "header.media": "https://example.com/offer.jpg",
        "body.first_name": "Sara",
        "body.offer": "20% off",
      },
    };
    const marketing = await refusal(sendMessage(ws.workspace.id, { to: promotions, content: offer }));
    expect(marketing.details).toMatchObject({ reason: "suppressed", scope: "marketing" });
    const utility = await sendMessage(ws.workspace.id, { to: promotions, content: orderShipped() });
    expect(utility.status).toBe("accepted");
    expect((await messagesTo(ws.workspace.id)).map((m) => m.templateName)).toEqual(["order_shipped"]);
  });

  it("sends free-form text only inside the 24-hour window", async () => {
    const ws = await createConnectedWorkspace("window");
    const to = uniquePhone();
    const text = { type: "text" as const, body: "Your parcel is at the door" };
    const closed = await refusal(sendMessage(ws.workspace.id, { to, content: text }));
    expect(closed.details).toMatchObject({ reason: "outside_window" });
    await markInbound(ws.workspace.id, to, new Date(Date.now() - 25 * 3600_000));
    expect((await refusal(sendMessage(ws.workspace.id, { to, content: text }))).details).toMatchObject({
      reason: "outside_window",
    });
    await markInbound(ws.workspace.id, to, new Date(Date.now() - 3600_000));
    const sent = await sendMessage(ws.workspace.id, { to, content: text });
    expect(sent.status).toBe("accepted");
    expect(appSandbox().sent({ phoneNumberId: ws.metaPhoneNumberId })[0]?.payload).toMatchObject({
      type: "text",
      text: { body: "Your parcel is at the door" },
    });
  });

  it("sends a step once however often it is retried, including after a retryable Meta error", async () => {
    const ws = await createConnectedWorkspace("idem");
    const to = uniquePhone();
    const step = { runId: crypto.randomUUID(), stepKey: "send-1:1" };
    appSandbox().faults.add({ kind: "server_500", times: 1 });
    await expect(
      sendMessage(ws.workspace.id, { to, content: orderShipped(), ...step }),
    ).rejects.toBeInstanceOf(RetryableSendError);
    const [pending] = await messagesTo(ws.workspace.id);
    expect(pending).toMatchObject({ status: "pending", wamid: null, attempts: 1 });

    const retried = await sendMessage(ws.workspace.id, { to, content: orderShipped(), ...step });
    expect(retried).toMatchObject({ status: "accepted", deduplicated: false, messageId: pending?.id });
    const again = await sendMessage(ws.workspace.id, { to, content: orderShipped(), ...step });
    expect(again).toMatchObject({ deduplicated: true, wamid: retried.wamid, messageId: pending?.id });
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => sendMessage(ws.workspace.id, { to, content: orderShipped(), ...step })),
    );
    expect(new Set(concurrent.map((r) => r.wamid))).toEqual(new Set([retried.wamid]));
    expect(appSandbox().sent({ phoneNumberId: ws.metaPhoneNumberId })).toHaveLength(1);
    expect(await messagesTo(ws.workspace.id)).toHaveLength(1);
  });

  it("stores a permanent failure with Meta's code, and a 131050 refusal suppresses marketing", async () => {
    const ws = await createConnectedWorkspace("perm");
    const to = uniquePhone();
    const events: DomainEvent[] = [];
    const stop = onDomainEvent((e) => void events.push(e));
    appSandbox().faults.add({ kind: "sync_131050", times: 1 });
    const result = await sendMessage(ws.workspace.id, { to, content: orderShipped() });
    stop();
    expect(result.status).toBe("failed");
    expect(result.failure).toMatchObject({ code: 131050 });
    const [row] = await messagesTo(ws.workspace.id);
    expect(row).toMatchObject({ status: "failed", errorCode: 131050 });
    expect(row?.failedAt).toBeInstanceOf(Date);
    expect(await findBlockingSuppression(ws.workspace.id, to, true)).toMatchObject({
      scope: "marketing",
      source: "meta_131050",
    });
    expect(events).toContainEqual(
      expect.objectContaining({
        name: "contact/opted-out",
        data: expect.objectContaining({ scope: "marketing" }),
      }),
    );
  });

  it("marks the connection broken when Meta refuses the token, and stops sending", async () => {
    const ws = await createConnectedWorkspace("broken");
    appSandbox().faults.add({ kind: "token_190", times: 1 });
    const result = await sendMessage(ws.workspace.id, { to: uniquePhone(), content: orderShipped() });
    expect(result.failure).toMatchObject({ code: 190 });
    const db = await getDb();
    const [connection] = await db
      .select()
      .from(whatsappConnections)
      .where(eq(whatsappConnections.id, ws.connection.id));
    expect(connection?.status).toBe("broken");
    const refused = await refusal(
      sendMessage(ws.workspace.id, { to: uniquePhone(), content: orderShipped() }),
    );
    expect(refused.details).toMatchObject({ reason: "connection_broken" });
  });

  it("paces a number to its throughput across concurrent sends", async () => {
    const ws = await createConnectedWorkspace("pace");
    const db = await getDb();
    await db
      .update(phoneNumbers)
      .set({ throughputPerSecond: 10 })
      .where(and(eq(phoneNumbers.workspaceId, ws.workspace.id)));
    const recipients = Array.from({ length: 12 }, () => uniquePhone());
    const started = Date.now();
    await Promise.all(recipients.map((to) => sendMessage(ws.workspace.id, { to, content: orderShipped() })));
    const times = appSandbox()
      .sent({ phoneNumberId: ws.metaPhoneNumberId })
      .map((m) => m.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(12);
    // 12 sends at 10/s take at least 11 intervals of 100 ms, and no 1-second window holds more than 10.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    for (let i = 10; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 10] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(appSandbox().sendRates(ws.metaPhoneNumberId).maxInAnySecond).toBeLessThanOrEqual(10);
  });

  it("reserves a recipient's slots 6 seconds apart (Meta's pair rate limit)", async () => {
    const ws = await createConnectedWorkspace("pair");
    const to = uniquePhone();
    const first = await sendMessage(ws.workspace.id, { to, content: orderShipped() });
    const db = await getDb();
    const a = await reserveRecipientSlot(db, first.contactId);
    const b = await reserveRecipientSlot(db, first.contactId);
    expect(b.getTime() - a.getTime()).toBeCloseTo(PAIR_INTERVAL_MS, -1);
    expect(a.getTime()).toBeGreaterThan(Date.now() + PAIR_INTERVAL_MS - 1000);
  });
});
