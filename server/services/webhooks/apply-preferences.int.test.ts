import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { suppressions, templates } from "@/db/schema";
import { phoneHash } from "@/server/services/contacts/suppressions";
import { openTestDatabase } from "@/server/testing/fixtures";
import {
  createConnectedWorkspace,
  deliver,
  insertOutboundMessage,
  insertTemplate,
  preferenceBody,
  randomWaId,
  recordDomainEvents,
  templateStatusBody,
  type ConnectedWorkspace,
} from "./test-fixtures";

beforeAll(openTestDatabase);

let ws: ConnectedWorkspace;
beforeAll(async () => {
  ws = await createConnectedWorkspace("prefs");
});

async function suppressionsOf(phone: string) {
  const db = await getDb();
  return db
    .select({ scope: suppressions.scope, source: suppressions.source })
    .from(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, ws.workspaceId),
        eq(suppressions.phoneHash, phoneHash(ws.workspaceId, phone)),
      ),
    );
}

async function template(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(templates).where(eq(templates.id, id));
  return row;
}

describe("user_preferences", () => {
  it("stop suppresses marketing with contact/opted-out; resume lifts it with contact/opted-in", async () => {
    const out = await insertOutboundMessage(ws);
    const recorded = recordDomainEvents(ws.workspaceId);

    await deliver(preferenceBody(ws, out.waId, "stop"));
    const afterStop = await suppressionsOf(out.phone);
    await deliver(preferenceBody(ws, out.waId, "resume"));
    recorded.stop();

    expect(afterStop).toEqual([{ scope: "marketing", source: "user_preferences" }]);
    expect(await suppressionsOf(out.phone)).toEqual([]);
    expect(recorded.events).toEqual([
      {
        name: "contact/opted-out",
        data: {
          workspaceId: ws.workspaceId,
          contactId: out.contactId,
          scope: "marketing",
          source: "user_preferences",
        },
      },
      {
        name: "contact/opted-in",
        data: { workspaceId: ws.workspaceId, contactId: out.contactId, source: "user_preferences" },
      },
    ]);
  });

  it("stop for someone Raqi never messaged is still honoured", async () => {
    const person = randomWaId();

    await deliver(preferenceBody(ws, person.waId, "stop"));

    expect(await suppressionsOf(person.phone)).toEqual([{ scope: "marketing", source: "user_preferences" }]);
  });

  it("for a WABA no workspace has is dropped without error", async () => {
    const stranger = { ...ws, wabaId: "waba-nobody", metaPhoneNumberId: "100000000000002" };

    const outcome = await deliver(preferenceBody(stranger, randomWaId().waId, "stop"));

    expect(outcome).toMatchObject({ outcome: "processed", summary: { unrouted: 1, preferences: 0 } });
  });
});

describe("template status updates", () => {
  it("change the template matched by Meta's id", async () => {
    const id = await insertTemplate(ws, { name: "spring_sale", metaTemplateId: "771234567890" });

    await deliver(
      templateStatusBody(ws, { event: "APPROVED", templateId: "771234567890", name: "spring_sale" }),
    );

    expect(await template(id)).toMatchObject({ status: "APPROVED", rejectedReason: null });
  });

  it("record the reason of a rejection, matching by name and language before Meta's id is known", async () => {
    const id = await insertTemplate(ws, { name: "promo_ar", language: "ar" });

    await deliver(
      templateStatusBody(ws, {
        event: "REJECTED",
        templateId: "779999999999",
        name: "promo_ar",
        language: "ar",
        reason: "INVALID_FORMAT",
      }),
    );

    expect(await template(id)).toMatchObject({
      status: "REJECTED",
      rejectedReason: "INVALID_FORMAT",
      metaTemplateId: "779999999999",
    });
  });

  it("leave other workspaces' templates of the same name alone", async () => {
    const other = await createConnectedWorkspace("tpl-other");
    const theirs = await insertTemplate(other, { name: "shared_name" });
    const ours = await insertTemplate(ws, { name: "shared_name" });

    await deliver(
      templateStatusBody(ws, { event: "PAUSED", templateId: "775555555555", name: "shared_name" }),
    );

    expect((await template(ours))?.status).toBe("PAUSED");
    expect((await template(theirs))?.status).toBe("PENDING");
  });

  it("re-processing the same update changes nothing", async () => {
    const id = await insertTemplate(ws, { name: "steady", metaTemplateId: "773333333333" });
    await deliver(templateStatusBody(ws, { event: "APPROVED", templateId: "773333333333", name: "steady" }));
    const before = await template(id);

    // Meta redelivers the update in a POST of its own: other bytes, same update.
    const redelivery = {
      ...templateStatusBody(ws, { event: "APPROVED", templateId: "773333333333", name: "steady" }),
      retry: 1,
    };
    const again = await deliver(redelivery);

    expect(again).toMatchObject({ summary: { templates: 0 } });
    expect(await template(id)).toEqual(before);
  });
});
