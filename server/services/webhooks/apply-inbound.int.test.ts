import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { contacts, messages, optOutSettings, suppressions } from "@/db/schema";
import { addSuppression, phoneHash } from "@/server/services/contacts/suppressions";
import { auditEntries, openTestDatabase } from "@/server/testing/fixtures";
import {
  buttonMessage,
  createConnectedWorkspace,
  deliver,
  inboundBody,
  insertOutboundMessage,
  messageByWamid,
  randomWaId,
  randomWamid,
  recordDomainEvents,
  textMessage,
  type ConnectedWorkspace,
} from "./test-fixtures";

beforeAll(openTestDatabase);

let ws: ConnectedWorkspace;
beforeAll(async () => {
  ws = await createConnectedWorkspace("inbound");
});

async function suppressionsOf(workspace: ConnectedWorkspace, phone: string) {
  const db = await getDb();
  const rows = await db
    .select({ scope: suppressions.scope, source: suppressions.source })
    .from(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, workspace.workspaceId),
        eq(suppressions.phoneHash, phoneHash(workspace.workspaceId, phone)),
      ),
    );
  return rows.sort((a, b) => a.scope.localeCompare(b.scope));
}

async function contactOf(workspace: ConnectedWorkspace, phone: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspace.workspaceId), eq(contacts.phone, phone)));
  if (!row) throw new Error(`no contact ${phone}`);
  return row;
}

/** Sends one text from a new person and returns who it was. */
async function textFrom(text: string, workspace = ws) {
  const person = randomWaId();
  await deliver(inboundBody(workspace, { from: person, content: textMessage(text) }));
  return person;
}

describe("an inbound message", () => {
  it("creates the contact with its profile name and opens the 24-hour window", async () => {
    const person = randomWaId();
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const wamid = randomWamid();

    await deliver(
      inboundBody(ws, { from: person, wamid, at, profileName: "Layla", content: textMessage("hello") }),
    );

    const contact = await contactOf(ws, person.phone);
    expect(contact).toMatchObject({ waId: person.waId, name: "Layla", lastInboundAt: at });
    expect(await messageByWamid(wamid)).toMatchObject({
      workspaceId: ws.workspaceId,
      phoneNumberId: ws.phoneNumberId,
      contactId: contact.id,
      direction: "in",
      status: "received",
      type: "text",
      preview: "hello",
      content: expect.objectContaining({ id: wamid, text: { body: "hello" } }),
    });
  });

  it("emits whatsapp/reply once, even when Meta delivers the message twice", async () => {
    const recorded = recordDomainEvents(ws.workspaceId);
    const person = randomWaId();
    const wamid = randomWamid();
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);

    await deliver(inboundBody(ws, { from: person, wamid, at, content: textMessage("any news?") }));
    await deliver(
      inboundBody(ws, {
        from: person,
        wamid,
        at,
        profileName: "Other name",
        content: textMessage("any news?"),
      }),
    );
    recorded.stop();

    const db = await getDb();
    expect(await db.select().from(messages).where(eq(messages.wamid, wamid))).toHaveLength(1);
    const contact = await contactOf(ws, person.phone);
    const message = await messageByWamid(wamid);
    expect(recorded.events).toEqual([
      {
        name: "whatsapp/reply",
        data: {
          workspaceId: ws.workspaceId,
          contactId: contact.id,
          messageId: message?.id,
          wamid,
          type: "text",
          text: "any news?",
          replyId: null,
          contextWamid: null,
          replyToMessageId: null,
          runId: null,
          receivedAt: at.toISOString(),
        },
      },
    ]);
  });

  it("links a quick-reply tap to the outbound message it answers", async () => {
    const out = await insertOutboundMessage(ws);
    const recorded = recordDomainEvents(ws.workspaceId);
    const wamid = randomWamid();

    await deliver(
      inboundBody(ws, {
        from: out,
        wamid,
        content: buttonMessage("Yes, deliver", "run:42:yes"),
        contextWamid: out.wamid,
      }),
    );
    recorded.stop();

    expect(await messageByWamid(wamid)).toMatchObject({
      type: "button",
      preview: "Yes, deliver",
      contextWamid: out.wamid,
      replyToMessageId: out.messageId,
      contactId: out.contactId,
    });
    expect(recorded.events).toContainEqual({
      name: "whatsapp/reply",
      data: expect.objectContaining({
        type: "button",
        text: "Yes, deliver",
        replyId: "run:42:yes",
        contextWamid: out.wamid,
        replyToMessageId: out.messageId,
      }),
    });
  });

  it("leaves reply_to_message_id empty when the replied-to message belongs to another workspace", async () => {
    const other = await createConnectedWorkspace("elsewhere");
    const theirs = await insertOutboundMessage(other);
    const wamid = randomWamid();

    await deliver(
      inboundBody(ws, {
        from: randomWaId(),
        wamid,
        content: buttonMessage("Yes"),
        contextWamid: theirs.wamid,
      }),
    );

    expect(await messageByWamid(wamid)).toMatchObject({ contextWamid: theirs.wamid, replyToMessageId: null });
  });
});

describe("opt-out keywords", () => {
  it.each(["STOP", "stop", " Stop! ", "إيقاف", "ايقاف", "إِيقَاف", "«إيقاف»", "إلغاء الاشتراك"])(
    "%j suppresses every message to the sender, audited, with contact/opted-out",
    async (text) => {
      const recorded = recordDomainEvents(ws.workspaceId);
      const person = await textFrom(text);
      recorded.stop();

      const contact = await contactOf(ws, person.phone);
      expect(await suppressionsOf(ws, person.phone)).toEqual([{ scope: "all", source: "keyword" }]);
      const audit = await auditEntries({ id: ws.workspaceId }, "contact.opt_out");
      expect(audit.filter((entry) => entry.targetId === contact.id)).toMatchObject([
        { actorId: null, meta: { scope: "all", source: "keyword" } },
      ]);
      expect(recorded.events.map((e) => e.name)).toEqual(["contact/opted-out", "whatsapp/reply"]);
      expect(recorded.events[0]?.data).toEqual({
        workspaceId: ws.workspaceId,
        contactId: contact.id,
        scope: "all",
        source: "keyword",
      });
    },
  );

  it("does not treat a sentence containing stop as an opt-out", async () => {
    const person = await textFrom("please don't stop the delivery");

    expect(await suppressionsOf(ws, person.phone)).toEqual([]);
  });

  it("a repeated STOP changes nothing and emits no second opt-out", async () => {
    const recorded = recordDomainEvents(ws.workspaceId);
    const person = randomWaId();

    await deliver(inboundBody(ws, { from: person, content: textMessage("STOP") }));
    await deliver(inboundBody(ws, { from: person, content: textMessage("توقف") }));
    recorded.stop();

    expect(recorded.events.filter((e) => e.name === "contact/opted-out")).toHaveLength(1);
    expect(await suppressionsOf(ws, person.phone)).toEqual([{ scope: "all", source: "keyword" }]);
  });

  it("the Stop promotions button suppresses marketing only", async () => {
    const recorded = recordDomainEvents(ws.workspaceId);
    const out = await insertOutboundMessage(ws);

    await deliver(
      inboundBody(ws, { from: out, content: buttonMessage("Stop promotions"), contextWamid: out.wamid }),
    );
    recorded.stop();

    expect(await suppressionsOf(ws, out.phone)).toEqual([{ scope: "marketing", source: "button" }]);
    expect(recorded.events).toContainEqual({
      name: "contact/opted-out",
      data: { workspaceId: ws.workspaceId, contactId: out.contactId, scope: "marketing", source: "button" },
    });
  });

  it("follows the workspace's own keywords when it set them", async () => {
    const custom = await createConnectedWorkspace("custom-words");
    const db = await getDb();
    await db
      .insert(optOutSettings)
      .values({ workspaceId: custom.workspaceId, optOutKeywords: ["BASTA"], optInKeywords: ["AVANTI"] });

    const byCustom = await textFrom("basta", custom);
    const byDefault = await textFrom("STOP", custom);

    expect(await suppressionsOf(custom, byCustom.phone)).toEqual([{ scope: "all", source: "keyword" }]);
    expect(await suppressionsOf(custom, byDefault.phone)).toEqual([]);
  });
});

describe("START", () => {
  it("lifts the sender's own opt-outs, audited, with contact/opted-in", async () => {
    const person = randomWaId();
    await deliver(inboundBody(ws, { from: person, content: textMessage("STOP") }));
    await deliver(inboundBody(ws, { from: person, content: buttonMessage("Stop promotions") }));
    const recorded = recordDomainEvents(ws.workspaceId);

    await deliver(inboundBody(ws, { from: person, content: textMessage("start") }));
    recorded.stop();

    const contact = await contactOf(ws, person.phone);
    expect(await suppressionsOf(ws, person.phone)).toEqual([]);
    expect(recorded.events.map((e) => e.name)).toEqual(["contact/opted-in", "whatsapp/reply"]);
    const audit = await auditEntries({ id: ws.workspaceId }, "contact.opt_in");
    expect(audit.filter((entry) => entry.targetId === contact.id)).toMatchObject([
      { meta: { scopes: expect.arrayContaining(["all", "marketing"]), source: "keyword" } },
    ]);
  });

  it("keeps a suppression the business or a privacy request set, lifting marketing only", async () => {
    const person = randomWaId();
    await deliver(inboundBody(ws, { from: person, content: buttonMessage("Stop promotions") }));
    const db = await getDb();
    await db.transaction((tx) =>
      addSuppression(
        { workspaceId: ws.workspaceId, phone: person.phone, scope: "all", source: "privacy_request" },
        tx,
      ),
    );

    await deliver(inboundBody(ws, { from: person, content: textMessage("START") }));

    expect(await suppressionsOf(ws, person.phone)).toEqual([{ scope: "all", source: "privacy_request" }]);
  });

  it("from someone who never opted out changes nothing and emits no opt-in", async () => {
    const recorded = recordDomainEvents(ws.workspaceId);
    await textFrom("START");
    recorded.stop();

    expect(recorded.events.map((e) => e.name)).toEqual(["whatsapp/reply"]);
  });
});
