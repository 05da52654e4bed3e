import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { runs, triggerEvents } from "@/db/schema";
import { forgetApiKeyCache } from "@/server/services/api-keys/api-keys";
import { createFlowIn } from "@/server/testing/flow-fixtures";
import { createConnectedWorkspace, type ConnectedWorkspace } from "@/server/testing/channel-fixtures";
import { auditEntries, expectTRPCError, openTestDatabase } from "@/server/testing/fixtures";
import { setInngestClient } from "@/server/inngest/client";
import { Inngest } from "inngest";
import { redispatchStrandedRuns } from "@/server/services/runs/start-runs";
import { settleAfterResponseTasks } from "@/server/services/webhooks/after-response";
import { POST } from "./route";

let ws: ConnectedWorkspace;
let key: string;
const sent: unknown[] = [];

beforeAll(async () => {
  await openTestDatabase();
  // Runs are handed to Inngest after the 202: capture them instead of needing an executor here.
  const client = new Inngest({ id: "events-api-test", isDev: true, baseUrl: "http://127.0.0.1:9" });
  client.send = (async (payload: unknown) => {
    sent.push(payload);
    return { ids: [] };
  }) as typeof client.send;
  setInngestClient(client);
  ws = await createConnectedWorkspace("api");
  const flowId = await createFlowIn(ws);
  const flow = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId });
  await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: flow.revision, note: "" });
  ({ key } = await ws.ownerCaller.apiKey.create({
    workspaceSlug: ws.slug,
    name: "Shop",
    scopes: ["events:write"],
  }));
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost/api/v1/events", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

const shipped = (phone: string) => ({
  name: "order.shipped",
  contact: { phone, name: "Sara" },
  data: { order_id: "#1042", tracking_url: "https://t.example/1042" },
});

describe("handing runs to Inngest", () => {
  it("hands a run over again when its first hand-over was lost", async () => {
    const response = await post(shipped("+16505550308"));
    const body = (await response.json()) as { events: { runs: { runId: string }[] }[] };
    const runId = body.events[0]?.runs[0]?.runId ?? "";
    await settleAfterResponseTasks();
    const db = await getDb();
    // As if the send after the commit had been lost: the run is old and Inngest never started it.
    await db
      .update(runs)
      .set({ createdAt: new Date(Date.now() - 60_000) })
      .where(eq(runs.id, runId));
    sent.length = 0;
    expect(await redispatchStrandedRuns()).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(sent)).toContain(`"id":"run-${runId}"`);
  });
});

describe("POST /api/v1/events", () => {
  it("accepts an event with 202 and starts the published flow listening to it", async () => {
    const response = await post(shipped("+16505550301"));
    expect(response.status).toBe(202);
    const body = (await response.json()) as {
      events: { id: string; runs: { outcome: string; runId: string }[] }[];
    };
    expect(body.events).toHaveLength(1);
    expect(body.events[0]?.runs).toEqual([expect.objectContaining({ outcome: "started" })]);
    const db = await getDb();
    const [run] = await db
      .select()
      .from(runs)
      .where(eq(runs.id, body.events[0]?.runs[0]?.runId ?? ""));
    expect(run).toMatchObject({ status: "running", triggerSource: "api", flowVersion: 1 });
  });

  it("honours Idempotency-Key: the same key twice records one event and starts one run", async () => {
    const first = await post(shipped("+16505550302"), { "idempotency-key": "order-1042" });
    const second = await post(shipped("+16505550302"), { "idempotency-key": "order-1042" });
    const a = (await first.json()) as { events: { id: string }[] };
    const b = (await second.json()) as { events: { id: string; duplicate: boolean }[] };
    expect(b.events[0]).toMatchObject({ id: a.events[0]?.id, duplicate: true });
    const db = await getDb();
    const events = await db
      .select()
      .from(triggerEvents)
      .where(eq(triggerEvents.idempotencyKey, "api:order-1042"));
    expect(events).toHaveLength(1);
  });

  it("takes a batch of events", async () => {
    const response = await post({ events: [shipped("+16505550303"), shipped("+16505550304")] });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { events: unknown[] };
    expect(body.events).toHaveLength(2);
  });

  it("answers bad input with a 4xx naming the problem, never a 500", async () => {
    const cases: [Response, number, string][] = [
      [await post("{not json"), 400, "not valid JSON"],
      [await post({ name: "order shipped!", contact: { phone: "+16505550305" } }), 400, "name"],
      [await post({ name: "order.shipped", contact: {} }), 400, "contact.phone"],
      [await post({ ...shipped("12"), name: "order.shipped" }), 400, "contact.phone"],
      [await post({ events: [] }), 400, "events"],
      [await post(shipped("+16505550306"), { authorization: "" }), 401, "Bearer"],
      [await post(shipped("+16505550306"), { authorization: "Bearer rqk_nope" }), 401, "not valid"],
      [await post("x".repeat(1024 * 1024 + 10)), 413, "larger"],
    ];
    for (const [response, status, words] of cases) {
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toContain(words);
    }
  });

  it("refuses a revoked key, and only admins manage keys", async () => {
    const { key: other, id } = await ws.ownerCaller.apiKey.create({
      workspaceSlug: ws.slug,
      name: "Temp",
      scopes: ["events:write"],
    });
    const ok = await post(shipped("+16505550307"), { authorization: `Bearer ${other}` });
    expect(ok.status).toBe(202);
    await ws.ownerCaller.apiKey.revoke({ workspaceSlug: ws.slug, apiKeyId: id });
    forgetApiKeyCache();
    const refused = await post(shipped("+16505550307"), { authorization: `Bearer ${other}` });
    expect(refused.status).toBe(401);
    const list = await ws.ownerCaller.apiKey.list({ workspaceSlug: ws.slug });
    expect(list.find((k) => k.id === id)?.revokedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(list)).not.toContain(other);
    expect(await auditEntries(ws.workspace, "api_key.revoke")).toHaveLength(1);
    await expectTRPCError(ws.editor.caller.apiKey.list({ workspaceSlug: ws.slug }), "FORBIDDEN");
  });
});
