import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { contacts, flowHooks, triggerEvents } from "@/db/schema";
import type { FlowDocument, FlowNode } from "@/lib/flow/schema";
import { env } from "@/server/env";
import { createFlowIn, createFlowWorkspace, type FlowWorkspace } from "@/server/testing/flow-fixtures";
import { auditEntries, expectTRPCError, openTestDatabase } from "@/server/testing/fixtures";

let ws: FlowWorkspace;
let flowId: string;

beforeAll(async () => {
  await openTestDatabase();
  ws = await createFlowWorkspace("hook");
  flowId = await createFlowIn(ws, "Webhook flow");
});

const target = () => ({ workspaceSlug: ws.slug, flowId, nodeId: "trigger" });

describe("hook router", () => {
  it("creates one hook per trigger on first use, with an absolute URL and no secret in sight", async () => {
    expect(await ws.viewer.caller.hook.get(target())).toBeNull();
    const hook = await ws.editor.caller.hook.ensure(target());
    const again = await ws.editor.caller.hook.ensure(target());
    expect(again.id).toBe(hook.id);
    expect(hook).toMatchObject({
      authKind: "hmac",
      flowId,
      nodeId: "trigger",
      rotatedAt: null,
      lastReceivedAt: null,
    });
    expect(hook.id).toMatch(/^hk_[A-Za-z0-9_-]{24}$/);
    expect(hook.url).toBe(new URL(`/api/hooks/${hook.id}`, env().APP_URL).toString());
    expect(await ws.viewer.caller.hook.get(target())).toEqual(hook);
    expect(Object.keys(hook)).not.toContain("secret");
    expect(await auditEntries(ws.workspace, "hook.create")).toHaveLength(1);
  });

  it("reveals the secret only on request, audited, and keeps it sealed at rest", async () => {
    const hook = await ws.editor.caller.hook.ensure(target());
    const { secret } = await ws.editor.caller.hook.revealSecret(target());
    expect(secret).toMatch(/^rqs_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await ws.editor.caller.hook.get(target()))).not.toContain(secret);
    const db = await getDb();
    const [row] = await db.select().from(flowHooks).where(eq(flowHooks.id, hook.id));
    expect(row?.secretSealed).toMatch(/^v1\./);
    expect(row?.secretSealed).not.toContain(secret);
    const entries = await auditEntries(ws.workspace, "hook.secret_reveal");
    expect(entries.at(-1)).toMatchObject({ actorId: ws.editor.user.id, targetId: hook.id });
    expect(JSON.stringify(entries)).not.toContain(secret);
  });

  it("rotates the secret: the new one is returned once and replaces the old", async () => {
    const { secret: before } = await ws.editor.caller.hook.revealSecret(target());
    const rotated = await ws.editor.caller.hook.rotateSecret(target());
    expect(rotated.secret).not.toBe(before);
    expect(rotated.hook.rotatedAt).toBeInstanceOf(Date);
    expect((await ws.editor.caller.hook.revealSecret(target())).secret).toBe(rotated.secret);
    expect(await auditEntries(ws.workspace, "hook.secret_rotate")).toHaveLength(1);
  });

  it("switches between HMAC and bearer authentication, audited once per change", async () => {
    const bearer = await ws.editor.caller.hook.setAuthKind({ ...target(), authKind: "bearer" });
    expect(bearer.authKind).toBe("bearer");
    await ws.editor.caller.hook.setAuthKind({ ...target(), authKind: "bearer" });
    expect((await ws.editor.caller.hook.setAuthKind({ ...target(), authKind: "hmac" })).authKind).toBe(
      "hmac",
    );
    const entries = await auditEntries(ws.workspace, "hook.auth_change");
    expect(entries.map((e) => e.meta)).toEqual([
      { from: "hmac", to: "bearer" },
      { from: "bearer", to: "hmac" },
    ]);
  });

  it("lets viewers see the hook but not create, reveal, rotate or reconfigure it", async () => {
    await expectTRPCError(ws.viewer.caller.hook.ensure(target()), "FORBIDDEN");
    await expectTRPCError(ws.viewer.caller.hook.revealSecret(target()), "FORBIDDEN");
    await expectTRPCError(ws.viewer.caller.hook.rotateSecret(target()), "FORBIDDEN");
    await expectTRPCError(
      ws.viewer.caller.hook.setAuthKind({ ...target(), authKind: "bearer" }),
      "FORBIDDEN",
    );
  });

  it("does not reach another workspace's flow", async () => {
    const other = await createFlowWorkspace("hook-other");
    await expectTRPCError(
      other.editor.caller.hook.ensure({ ...target(), workspaceSlug: other.slug }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      other.editor.caller.hook.revealSecret({ ...target(), workspaceSlug: other.slug }),
      "NOT_FOUND",
    );
  });
});

describe("hook.testPayload", () => {
  const sample = JSON.stringify({
    customer: { phone: "+966 50 123 4567", first_name: "Sara" },
    order: { id: "#1042" },
  });

  it("maps a sample with the mapping being edited, and stores nothing", async () => {
    const result = await ws.viewer.caller.hook.testPayload({
      ...target(),
      sample,
      mapping: { phone: "$.customer.phone", name: "customer.first_name", data: "order" },
    });
    expect(result).toEqual({ ok: true, phone: "+966501234567", name: "Sara", data: { id: "#1042" } });
    const db = await getDb();
    expect(await db.select().from(contacts).where(eq(contacts.workspaceId, ws.workspace.id))).toHaveLength(0);
    expect(
      await db.select().from(triggerEvents).where(eq(triggerEvents.workspaceId, ws.workspace.id)),
    ).toHaveLength(0);
  });

  it("uses the draft's mapping when none is sent", async () => {
    const flow = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId });
    const document: FlowDocument = {
      ...flow.draft,
      nodes: flow.draft.nodes.map((node): FlowNode =>
        node.type === "trigger"
          ? {
              ...node,
              config: {
                ...node.config,
                kind: "webhook",
                mapping: { phone: "customer.phone", name: "", data: "" },
              },
            }
          : node,
      ),
    };
    await ws.editor.caller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId,
      revision: flow.revision,
      document,
    });
    const result = await ws.editor.caller.hook.testPayload({ ...target(), sample });
    expect(result).toMatchObject({ ok: true, phone: "+966501234567", name: null });
  });

  it("returns the error naming the path or the JSON problem, without throwing", async () => {
    expect(
      await ws.editor.caller.hook.testPayload({
        ...target(),
        sample,
        mapping: { phone: "buyer.phone", name: "", data: "" },
      }),
    ).toMatchObject({ ok: false, error: { problem: "phone_missing", path: "buyer.phone" } });
    expect(await ws.editor.caller.hook.testPayload({ ...target(), sample: "{oops" })).toMatchObject({
      ok: false,
      error: { problem: "invalid_json" },
    });
    await expectTRPCError(
      ws.editor.caller.hook.testPayload({
        ...target(),
        sample,
        mapping: { phone: "a..b", name: "", data: "" },
      }),
      "BAD_REQUEST",
    );
  });
});
