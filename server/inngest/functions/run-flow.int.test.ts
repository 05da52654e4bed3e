import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { runs, runSteps } from "@/db/schema";
import { advanceClock } from "@/server/clock";
import { eventually } from "@/server/inngest/local/test-harness";
import { triggerFlows } from "@/server/services/runs/start-runs";
import { appSandbox, type ConnectedWorkspace } from "@/server/testing/channel-fixtures";
import { runRow, withLocalRuntime, workspaceWithPublishedFlow } from "@/server/testing/runtime-fixtures";

const harness = withLocalRuntime();

/** A connected workspace whose sandbox webhooks go through the real webhook route. */
const workspaceWithFlow = () => workspaceWithPublishedFlow("run");

let phoneCounter = 0;
function uniquePhone(): string {
  phoneCounter += 1;
  return `+1650555${String(2000 + ((Date.now() + phoneCounter * 613) % 7000)).padStart(4, "0")}`;
}

async function stepsOf(runId: string) {
  const db = await getDb();
  return db.select().from(runSteps).where(eq(runSteps.runId, runId)).orderBy(asc(runSteps.seq));
}

async function startOrderShipped(ws: ConnectedWorkspace, phone: string, idempotencyKey?: string) {
  return triggerFlows({
    workspaceId: ws.workspace.id,
    source: "api",
    name: "order.shipped",
    contact: { phone, name: "Sara" },
    data: { order_id: "#1042", tracking_url: "https://track.example/1042" },
    idempotencyKey,
  });
}

const sentTo = (ws: ConnectedWorkspace, phone: string) =>
  appSandbox().sent({ phoneNumberId: ws.metaPhoneNumberId, to: phone.slice(1) });

describe("run-flow through the local executor and the sandbox", () => {
  it("order shipped: template sent, the customer taps Track order, the tracking link follows, completed", async () => {
    const ws = await workspaceWithFlow();
    const phone = uniquePhone();
    const started = await startOrderShipped(ws, phone);
    expect(started.runs).toEqual([{ flowId: ws.flowId, runId: expect.any(String), outcome: "started" }]);
    const runId = started.runs[0]?.runId ?? "";

    const notice = await eventually(async () => sentTo(ws, phone)[0]);
    expect(notice.payload).toMatchObject({ type: "template", template: { name: "order_shipped" } });
    await eventually(async () => ((await runRow(runId))?.waitingFor === "reply" ? true : undefined));

    await appSandbox().simulateInbound({
      phoneNumberId: ws.metaPhoneNumberId,
      from: phone.slice(1),
      button: { text: "Track order", payload: "Track order", contextId: notice.wamid },
    });
    const run = await eventually(async () => {
      const row = await runRow(runId);
      return row?.status === "completed" ? row : undefined;
    });
    expect(run.failureCode).toBeNull();
    const texts = sentTo(ws, phone).map((m) => m.payload);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toMatchObject({
      type: "text",
      text: { body: "Here is where your parcel is: https://track.example/1042" },
    });
    const steps = await stepsOf(runId);
    expect(steps.map((s) => [s.nodeId, s.status, s.handle])).toEqual([
      ["trigger", "completed", "next"],
      ["notify", "completed", "sent"],
      ["wait", "completed", "track"],
      ["tracking-link", "completed", "sent"],
    ]);
  });

  it("no reply: the wait times out (the test moves the clock) and the run completes on the timeout path", async () => {
    const ws = await workspaceWithFlow();
    const phone = uniquePhone();
    const started = await startOrderShipped(ws, phone);
    const runId = started.runs[0]?.runId ?? "";
    await eventually(async () => ((await runRow(runId))?.waitingFor === "reply" ? true : undefined));
    advanceClock(24 * 3600_000);
    const run = await eventually(async () => {
      const row = await runRow(runId);
      return row?.status === "completed" ? row : undefined;
    }, 20_000);
    expect(run.status).toBe("completed");
    const steps = await stepsOf(runId);
    expect(steps.find((s) => s.nodeId === "wait")?.handle).toBe("timeout");
    expect(sentTo(ws, phone)).toHaveLength(1);
  });

  it("STOP during the wait cancels the run and nothing more is sent", async () => {
    const ws = await workspaceWithFlow();
    const phone = uniquePhone();
    const started = await startOrderShipped(ws, phone);
    const runId = started.runs[0]?.runId ?? "";
    await eventually(async () => ((await runRow(runId))?.waitingFor === "reply" ? true : undefined));
    await appSandbox().simulateInbound({
      phoneNumberId: ws.metaPhoneNumberId,
      from: phone.slice(1),
      text: "STOP",
    });
    const run = await eventually(async () => {
      const row = await runRow(runId);
      return row?.status === "cancelled" ? row : undefined;
    });
    expect(run.failureCode).toBe("opted_out");
    await harness().executor.drain({ timeoutMs: 10_000 });
    expect(sentTo(ws, phone)).toHaveLength(1);
  });

  it("the same idempotency key twice starts one run", async () => {
    const ws = await workspaceWithFlow();
    const phone = uniquePhone();
    const first = await startOrderShipped(ws, phone, "order-1042-shipped");
    const second = await startOrderShipped(ws, phone, "order-1042-shipped");
    expect(second).toMatchObject({ duplicate: true, eventId: first.eventId, runs: first.runs });
    const db = await getDb();
    const all = await db
      .select()
      .from(runs)
      .where(and(eq(runs.flowId, ws.flowId)));
    expect(all).toHaveLength(1);
  });

  it("a contact already in a run is skipped by default", async () => {
    const ws = await workspaceWithFlow();
    const phone = uniquePhone();
    const first = await startOrderShipped(ws, phone);
    const again = await startOrderShipped(ws, phone);
    expect(again.runs).toEqual([
      { flowId: ws.flowId, runId: first.runs[0]?.runId, outcome: "skipped_active" },
    ]);
  });

  it("Meta answering 5xx and 429 at random: every message is still sent exactly once", async () => {
    const ws = await workspaceWithFlow();
    const phones = Array.from({ length: 6 }, () => uniquePhone());
    // At random, but at most three failures per message: fewer than its attempts (retries: 5), as an
    // outage passes. Unbounded, one message in a few hundred would use up its retries and fail the run.
    for (const to of phones) {
      appSandbox().faults.add({ kind: "server_500", probability: 0.3, times: 2, match: { to } });
      appSandbox().faults.add({ kind: "http_429", probability: 0.15, times: 1, match: { to } });
    }
    const started = await Promise.all(phones.map((p) => startOrderShipped(ws, p)));
    for (const [i, phone] of phones.entries()) {
      const runId = started[i]?.runs[0]?.runId ?? "";
      await eventually(
        async () => ((await runRow(runId))?.waitingFor === "reply" ? true : undefined),
        30_000,
      );
      expect(sentTo(ws, phone)).toHaveLength(1);
    }
  }, 90_000);
});
