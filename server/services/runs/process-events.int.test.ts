import { eq, inArray } from "drizzle-orm";
import { Inngest } from "inngest";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { contacts, flows, runs, triggerEvents, type RunPolicy } from "@/db/schema";
import { setInngestClient } from "@/server/inngest/client";
import { addSuppression } from "@/server/services/contacts/suppressions";
import { createConnectedWorkspace, type ConnectedWorkspace } from "@/server/testing/channel-fixtures";
import { createFlowIn } from "@/server/testing/flow-fixtures";
import { openTestDatabase } from "@/server/testing/fixtures";
import { beginRun, loadRunSetup } from "./execute-run";
import { processTriggerEvents } from "./start-runs";

/**
 * The trigger processor starts a whole batch of stored events in a few statements: these check that it
 * decides as it would event by event (policy, suppression, filter, listening flows), in arrival order.
 */
let ws: ConnectedWorkspace;
let flowId: string;
const handedOver: { name: string; data: { runId: string } }[] = [];

beforeAll(async () => {
  await openTestDatabase();
  const client = new Inngest({ id: "process-events-test", isDev: true, baseUrl: "http://127.0.0.1:9" });
  client.send = (async (payload: unknown) => {
    handedOver.push(...(payload as typeof handedOver));
    return { ids: [] };
  }) as typeof client.send;
  setInngestClient(client);
  ws = await createConnectedWorkspace("batch");
  flowId = await createFlowIn(ws);
  const flow = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId });
  await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: flow.revision, note: "" });
});

beforeEach(() => {
  handedOver.length = 0;
});

async function setPolicy(runPolicy: RunPolicy) {
  const db = await getDb();
  await db.update(flows).set({ runPolicy }).where(eq(flows.id, flowId));
}

/** Stores events as the events API does (waiting), then lets one processor pass start them. */
async function processed(
  events: { phone: string; name?: string; event?: string; attributes?: Record<string, unknown> }[],
) {
  const db = await getDb();
  const stored = await db
    .insert(triggerEvents)
    .values(
      events.map((e, i) => ({
        workspaceId: ws.workspace.id,
        source: "api" as const,
        name: e.event ?? "order.shipped",
        contactPhone: e.phone,
        payload: {
          contact: { phone: e.phone, ...(e.name ? { name: e.name } : {}), attributes: e.attributes ?? {} },
          data: { order_id: `#${i}`, tracking_url: "https://t.example/1" },
        },
        // Arrival order is creation order.
        createdAt: new Date(Date.now() - 10_000 + i),
      })),
    )
    .returning({ id: triggerEvents.id });
  await processTriggerEvents();
  const rows = await db
    .select({ id: triggerEvents.id, outcome: triggerEvents.outcome, processedAt: triggerEvents.processedAt })
    .from(triggerEvents)
    .where(
      inArray(
        triggerEvents.id,
        stored.map((s) => s.id),
      ),
    );
  return stored.map((s) => {
    const row = rows.find((r) => r.id === s.id);
    expect(row?.processedAt).toBeInstanceOf(Date);
    return (row?.outcome as { runs: { runId: string | null; outcome: string }[] }).runs;
  });
}

async function statusOf(runId: string | null | undefined) {
  const db = await getDb();
  const [run] = await db
    .select({ status: runs.status })
    .from(runs)
    .where(eq(runs.id, runId ?? ""));
  return run?.status;
}

const started = () => handedOver.filter((e) => e.name === "flow/run.requested").map((e) => e.data.runId);

describe("starting a batch of events", () => {
  it("skips a contact triggered twice in one batch (policy skip), and starts the others once each", async () => {
    await setPolicy("skip");
    const [a1, b, a2] = await processed([
      { phone: "+16505550401" },
      { phone: "+16505550402" },
      { phone: "+16505550401" },
    ]);
    expect(a1).toEqual([expect.objectContaining({ outcome: "started" })]);
    expect(b).toEqual([expect.objectContaining({ outcome: "started" })]);
    expect(a2).toEqual([{ flowId, runId: a1?.[0]?.runId, outcome: "skipped_active" }]);
    expect(started().sort()).toEqual([a1?.[0]?.runId, b?.[0]?.runId].sort());
  });

  it("skips a contact already in a run from an earlier batch", async () => {
    await setPolicy("skip");
    const [first] = await processed([{ phone: "+16505550403" }]);
    const [again] = await processed([{ phone: "+16505550403" }]);
    expect(again).toEqual([{ flowId, runId: first?.[0]?.runId, outcome: "skipped_active" }]);
  });

  it("restart: the later event cancels the earlier run, even one started in the same batch", async () => {
    await setPolicy("restart");
    const [earlier] = await processed([{ phone: "+16505550404" }]);
    handedOver.length = 0;
    const [first, second] = await processed([{ phone: "+16505550404" }, { phone: "+16505550404" }]);
    expect(first).toEqual([expect.objectContaining({ outcome: "restarted" })]);
    expect(second).toEqual([expect.objectContaining({ outcome: "restarted" })]);
    expect(await statusOf(earlier?.[0]?.runId)).toBe("cancelled");
    expect(await statusOf(first?.[0]?.runId)).toBe("cancelled");
    expect(await statusOf(second?.[0]?.runId)).toBe("running");
    // Only the last run is handed to Inngest; the earlier batch's run is cancelled there too.
    expect(started()).toEqual([second?.[0]?.runId]);
    expect(handedOver).toContainEqual({ name: "flow/run.cancel", data: { runId: earlier?.[0]?.runId } });
  });

  it("queue: the second event of a contact waits behind the first", async () => {
    await setPolicy("queue");
    const [first, second] = await processed([{ phone: "+16505550405" }, { phone: "+16505550405" }]);
    expect(first).toEqual([expect.objectContaining({ outcome: "started" })]);
    expect(second).toEqual([expect.objectContaining({ outcome: "queued" })]);
    expect(await statusOf(second?.[0]?.runId)).toBe("queued");
    expect(started()).toEqual([first?.[0]?.runId]);
  });

  it("suppressed contacts start nothing; an event no flow listens to starts nothing", async () => {
    await setPolicy("skip");
    const db = await getDb();
    await addSuppression(
      { workspaceId: ws.workspace.id, phone: "+16505550406", scope: "all", source: "keyword" },
      db,
    );
    const [suppressed, ok, nobody] = await processed([
      { phone: "+16505550406" },
      { phone: "+16505550407" },
      { phone: "+16505550408", event: "nobody.listens" },
    ]);
    expect(suppressed).toEqual([{ flowId, runId: null, outcome: "suppressed" }]);
    expect(ok).toEqual([expect.objectContaining({ outcome: "started" })]);
    expect(nobody).toEqual([]);
    expect(started()).toEqual([ok?.[0]?.runId]);
  });

  it("merges a contact's name and attributes from the events of a batch, in order", async () => {
    await processed([
      { phone: "+16505550409", name: "Sara", attributes: { tier: "gold", city: "Riyadh" } },
      { phone: "+16505550409", attributes: { tier: "silver" } },
    ]);
    const db = await getDb();
    const [contact] = await db
      .select({ name: contacts.name, attributes: contacts.attributes })
      .from(contacts)
      .where(eq(contacts.phone, "+16505550409"));
    expect(contact).toEqual({ name: "Sara", attributes: { tier: "silver", city: "Riyadh" } });
  });
});

describe("a run cancelled while a step is in flight", () => {
  it("stays cancelled: the step's record does not bring it back", async () => {
    await setPolicy("skip");
    const [outcome] = await processed([{ phone: "+16505550410", name: "Sara" }]);
    const runId = outcome?.[0]?.runId ?? "";
    const setup = await loadRunSetup(runId);
    if (!setup) throw new Error("the run has no setup");
    const db = await getDb();
    await db.update(runs).set({ status: "cancelled" }).where(eq(runs.id, runId));
    // The function's first step finishing after the cancel (it sends the template and waits).
    const advance = await beginRun(setup);
    expect(advance.state.status).toBe("running");
    expect(await statusOf(runId)).toBe("cancelled");
    // …so the contact can start a new run at once.
    const [next] = await processed([{ phone: "+16505550410" }]);
    expect(next).toEqual([expect.objectContaining({ outcome: "started" })]);
  });
});
