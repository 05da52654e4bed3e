import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { phoneNumbers, templates, whatsappConnections } from "@/db/schema";
import { SAMPLE_TEMPLATES } from "@/lib/flow/starters";
import { decryptSecret } from "@/server/crypto";
import { createGraphClient } from "@/server/whatsapp/graph-client";
import { createSandbox } from "@/server/whatsapp/sandbox";
import { overrideGraphClient } from "@/server/whatsapp/channel";
import { createFlowWorkspace } from "@/server/testing/flow-fixtures";
import { createConnectedWorkspace, deliverSandboxWebhooks } from "@/server/testing/channel-fixtures";
import { appErrorDetails, auditEntries, expectTRPCError, openTestDatabase } from "@/server/testing/fixtures";

beforeAll(async () => {
  await openTestDatabase();
  deliverSandboxWebhooks();
});

/** A second sandbox standing in for Meta, so manual connections have a Graph API to be checked against. */
function fakeMeta() {
  const meta = createSandbox({
    appId: "meta-app",
    appSecret: "meta-app-secret-0123456789",
    statusDelaysMs: false,
  });
  overrideGraphClient(
    "meta",
    createGraphClient({ baseUrl: "https://graph.example", version: "v25.0", fetch: meta.fetch }),
  );
  return meta;
}

afterEach(() => overrideGraphClient("meta", undefined));

describe("connection.connectSandbox", () => {
  it("connects a sandbox account: one number, the sample templates mirrored with Meta's ids, audited", async () => {
    const ws = await createConnectedWorkspace("sbx");
    expect(ws.connection).toMatchObject({ kind: "sandbox", method: "sandbox", status: "active" });
    expect(ws.connection.phoneNumbers).toHaveLength(1);
    expect(ws.connection.phoneNumbers[0]).toMatchObject({ isDefault: true, throughputPerSecond: 80 });
    const db = await getDb();
    const mirrored = await db.select().from(templates).where(eq(templates.workspaceId, ws.workspace.id));
    expect(mirrored.map((t) => `${t.name}/${t.language}/${t.status}`).sort()).toEqual(
      SAMPLE_TEMPLATES.map((t) => `${t.name}/${t.language}/${t.status}`).sort(),
    );
    expect(mirrored.every((t) => t.metaTemplateId !== null)).toBe(true);
    expect(await auditEntries(ws.workspace, "connection.connect")).toHaveLength(1);
  });

  it("keeps the token sealed at rest and never returns it", async () => {
    const ws = await createConnectedWorkspace("sealed");
    const db = await getDb();
    const [row] = await db
      .select()
      .from(whatsappConnections)
      .where(eq(whatsappConnections.id, ws.connection.id));
    const sealed = row?.accessTokenSealed ?? "";
    const token = decryptSecret(sealed);
    expect(token.length).toBeGreaterThan(20);
    expect(sealed).not.toContain(token);
    const seen = JSON.stringify(await ws.viewer.caller.connection.get({ workspaceSlug: ws.slug }));
    expect(seen).not.toContain(token);
    expect(seen).not.toContain(sealed);
  });

  it("refuses a second connection, and members below admin", async () => {
    const ws = await createConnectedWorkspace("twice");
    const error = await expectTRPCError(
      ws.ownerCaller.connection.connectSandbox({ workspaceSlug: ws.slug }),
      "CONFLICT",
    );
    expect(appErrorDetails(error)).toMatchObject({ reason: "already_connected" });
    const fresh = await createFlowWorkspace("roles");
    await expectTRPCError(
      fresh.editor.caller.connection.connectSandbox({ workspaceSlug: fresh.slug }),
      "FORBIDDEN",
    );
    expect(await fresh.viewer.caller.connection.get({ workspaceSlug: fresh.slug })).toBeNull();
  });
});

describe("connection.connectManual", () => {
  it("checks the credentials against the Graph API before saving anything", async () => {
    const meta = fakeMeta();
    const account = meta.provisionAccount({ businessName: "Acme" });
    const otherAccount = meta.provisionAccount({ businessName: "Other" });
    const ws = await createFlowWorkspace("manual");
    const phoneNumberId = account.phoneNumbers[0]?.id ?? "";

    const badToken = await expectTRPCError(
      ws.ownerCaller.connection.connectManual({
        workspaceSlug: ws.slug,
        wabaId: account.wabaId,
        phoneNumberId,
        accessToken: "EAAGnotarealtoken0123456789",
      }),
      "BAD_REQUEST",
    );
    expect(appErrorDetails(badToken)).toMatchObject({ reason: "token_invalid", field: "accessToken" });

    const wrongNumber = await expectTRPCError(
      ws.ownerCaller.connection.connectManual({
        workspaceSlug: ws.slug,
        wabaId: account.wabaId,
        phoneNumberId: otherAccount.phoneNumbers[0]?.id ?? "",
        accessToken: account.accessToken,
      }),
      "BAD_REQUEST",
    );
    expect(appErrorDetails(wrongNumber)).toMatchObject({
      reason: "number_not_in_waba",
      field: "phoneNumberId",
    });
    expect(await ws.ownerCaller.connection.get({ workspaceSlug: ws.slug })).toBeNull();

    const connected = await ws.ownerCaller.connection.connectManual({
      workspaceSlug: ws.slug,
      wabaId: account.wabaId,
      phoneNumberId,
      accessToken: account.accessToken,
    });
    expect(connected).toMatchObject({ kind: "meta", method: "manual", wabaId: account.wabaId });
    expect(connected.phoneNumbers.map((n) => n.metaPhoneNumberId)).toEqual([phoneNumberId]);
    await meta.close();
  });

  it("refuses a number another workspace already connected", async () => {
    const meta = fakeMeta();
    const account = meta.provisionAccount({ businessName: "Shared" });
    const input = {
      wabaId: account.wabaId,
      phoneNumberId: account.phoneNumbers[0]?.id ?? "",
      accessToken: account.accessToken,
    };
    const first = await createFlowWorkspace("first");
    await first.ownerCaller.connection.connectManual({ workspaceSlug: first.slug, ...input });
    const second = await createFlowWorkspace("second");
    const error = await expectTRPCError(
      second.ownerCaller.connection.connectManual({ workspaceSlug: second.slug, ...input }),
      "CONFLICT",
    );
    expect(appErrorDetails(error)).toMatchObject({ reason: "number_taken" });
    await meta.close();
  });
});

describe("connection.disconnect", () => {
  it("destroys the token and frees the number; history stays and a new connection is possible", async () => {
    const ws = await createConnectedWorkspace("disc");
    await ws.ownerCaller.connection.disconnect({ workspaceSlug: ws.slug });
    const db = await getDb();
    const [row] = await db
      .select()
      .from(whatsappConnections)
      .where(eq(whatsappConnections.id, ws.connection.id));
    expect(row).toMatchObject({ status: "disconnected", accessTokenSealed: null });
    const numbers = await db
      .select()
      .from(phoneNumbers)
      .where(eq(phoneNumbers.connectionId, ws.connection.id));
    expect(numbers.every((n) => !n.active)).toBe(true);
    expect(await ws.ownerCaller.connection.get({ workspaceSlug: ws.slug })).toBeNull();
    expect(await auditEntries(ws.workspace, "connection.disconnect")).toHaveLength(1);
    const again = await ws.ownerCaller.connection.connectSandbox({ workspaceSlug: ws.slug });
    expect(again.id).not.toBe(ws.connection.id);
    await expectTRPCError(ws.editor.caller.connection.disconnect({ workspaceSlug: ws.slug }), "FORBIDDEN");
  });
});
