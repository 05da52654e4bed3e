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
import { processTriggerEvents, redispatchStrandedRuns } from "@/server/services/runs/start-runs";
import { settleAfterResponseTasks } from "@/server/services/webhooks/after-response";
import { POST } from "./route";
import { GET } from "./[eventId]/route";

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

/** What GET /api/v1/events/{id} answers for an event, once its runs have been started. */
async function statusOf(eventId: string, headers: Record<string, string> = {}) {
  await settleAfterResponseTasks();
  const response = await GET(
    new Request(`http://localhost/api/v1/events/${eventId}`, {
      headers: { authorization: `Bearer ${key}`, ...headers },
    }),
    { params: Promise.resolve({ eventId }) },
  );
  return {
    status: response.status,
    body: (await response.json()) as {
      event?: { status: string; runs: { outcome: string; runId: string; flowId: string }[] };
      error?: { message: string };
    },
  };
}

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
    const body = (await response.json()) as { events: { id: string }[] };
    const runId = (await statusOf(body.events[0]?.id ?? "")).body.event?.runs[0]?.runId ?? "";
    expect(runId).not.toBe("");
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

describe("processing stored events", () => {
  it("starts the runs of an event left waiting (a crash before they started) on the next sweep", async () => {
    const db = await getDb();
    const [left] = await db
      .insert(triggerEvents)
      .values({
        workspaceId: ws.workspace.id,
        source: "api",
        name: "order.shipped",
        contactPhone: "+16505550321",
        payload: {
          contact: { phone: "+16505550321" },
          data: { order_id: "#9", tracking_url: "https://t/9" },
        },
      })
      .returning({ id: triggerEvents.id });
    expect(await processTriggerEvents()).toBeGreaterThanOrEqual(1);
    const { body } = await statusOf(left?.id ?? "");
    expect(body.event?.runs).toEqual([expect.objectContaining({ outcome: "started" })]);
    // Processed once: a second sweep finds nothing and starts nothing.
    expect(await processTriggerEvents()).toBe(0);
    const started = await db
      .select()
      .from(runs)
      .where(eq(runs.triggerEventId, left?.id ?? ""));
    expect(started).toHaveLength(1);
  });

  it("closes an event whose phone is unusable with its reason instead of retrying it forever", async () => {
    const db = await getDb();
    const [bad] = await db
      .insert(triggerEvents)
      .values({
        workspaceId: ws.workspace.id,
        source: "api",
        name: "order.shipped",
        contactPhone: "12",
        payload: { contact: { phone: "12" }, data: {} },
      })
      .returning({ id: triggerEvents.id });
    await processTriggerEvents();
    const { body } = await statusOf(bad?.id ?? "");
    expect(body.event).toMatchObject({ status: "processed", runs: [] });
    expect(JSON.stringify(body.event)).toContain("not a phone number");
  });
});

describe("POST /api/v1/events", () => {
  it("accepts an event with 202 and starts the published flow listening to it right after", async () => {
    const response = await post(shipped("+16505550301"));
    expect(response.status).toBe(202);
    // Machine-facing answers are neither cached nor compressed (see server/http/api-response.ts).
    expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
    const body = (await response.json()) as { events: { id: string; duplicate: boolean }[] };
    expect(body.events).toEqual([{ id: expect.any(String), duplicate: false }]);
    const { status, body: answer } = await statusOf(body.events[0]?.id ?? "");
    expect(status).toBe(200);
    expect(answer.event).toMatchObject({ status: "processed" });
    expect(answer.event?.runs).toEqual([expect.objectContaining({ outcome: "started" })]);
    const db = await getDb();
    const [run] = await db
      .select()
      .from(runs)
      .where(eq(runs.id, answer.event?.runs[0]?.runId ?? ""));
    expect(run).toMatchObject({ status: "running", triggerSource: "api", flowVersion: 1 });
  });

  it("answers GET for an unknown event, or another workspace's, with 404", async () => {
    const missing = await statusOf("00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toContain("No event");
    const other = await createConnectedWorkspace("api-other");
    const { key: otherKey } = await other.ownerCaller.apiKey.create({
      workspaceSlug: other.slug,
      name: "Other",
      scopes: ["events:write"],
    });
    const response = await post(shipped("+16505550311"));
    const { id } = ((await response.json()) as { events: { id: string }[] }).events[0] ?? { id: "" };
    const foreign = await statusOf(id, { authorization: `Bearer ${otherKey}` });
    expect(foreign.status).toBe(404);
    expect((await statusOf(id, { authorization: "" })).status).toBe(401);
  });

  it("honours Idempotency-Key: the same key twice records one event and starts one run", async () => {
    const first = await post(shipped("+16505550302"), { "idempotency-key": "order-1042" });
    const second = await post(shipped("+16505550302"), { "idempotency-key": "order-1042" });
    const a = (await first.json()) as { events: { id: string }[] };
    const b = (await second.json()) as { events: { id: string; duplicate: boolean }[] };
    expect(b.events[0]).toMatchObject({ id: a.events[0]?.id, duplicate: true });
    const { body } = await statusOf(a.events[0]?.id ?? "");
    expect(body.event?.runs).toEqual([expect.objectContaining({ outcome: "started" })]);
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
    const body = (await response.json()) as { events: { id: string; duplicate: boolean }[] };
    expect(body.events).toHaveLength(2);
    expect(new Set(body.events.map((e) => e.id)).size).toBe(2);
    for (const event of body.events) {
      expect((await statusOf(event.id)).body.event?.runs).toEqual([
        expect.objectContaining({ outcome: "started" }),
      ]);
    }
  });

  it("a batch repeating an idempotency key stores it once and marks the repeat as a duplicate", async () => {
    const event = { ...shipped("+16505550312"), idempotencyKey: "batch-dup" };
    const response = await post({ events: [event, event, shipped("+16505550313")] });
    const body = (await response.json()) as { events: { id: string; duplicate: boolean }[] };
    expect(body.events.map((e) => e.duplicate)).toEqual([false, true, false]);
    expect(body.events[1]?.id).toBe(body.events[0]?.id);
    const db = await getDb();
    const stored = await db
      .select()
      .from(triggerEvents)
      .where(eq(triggerEvents.idempotencyKey, "api:batch-dup"));
    expect(stored).toHaveLength(1);
  });

  it("an event for a flow that is not listening is processed with no runs", async () => {
    const response = await post({ ...shipped("+16505550314"), name: "nobody.listens" });
    const { id } = ((await response.json()) as { events: { id: string }[] }).events[0] ?? { id: "" };
    const { body } = await statusOf(id);
    expect(body.event).toMatchObject({ status: "processed", runs: [] });
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
