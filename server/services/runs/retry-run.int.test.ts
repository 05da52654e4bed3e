import { TRPCError } from "@trpc/server";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, contacts, messages, runSteps, templates } from "@/db/schema";
import { TIMEOUT_ERROR_CODE } from "@/lib/whatsapp/errors";
import { eventually } from "@/server/inngest/local/test-harness";
import { triggerFlows } from "@/server/services/runs/start-runs";
import { appSandbox, type ConnectedWorkspace } from "@/server/testing/channel-fixtures";
import {
  publishFlow,
  runRow,
  withLocalRuntime,
  workspaceWithPublishedFlow,
} from "@/server/testing/runtime-fixtures";

/** Retry from the failed step through the local executor and the sandbox (issue #6, run management). */

withLocalRuntime();

type Workspace = ConnectedWorkspace & { flowId: string };

const workspaceWithFlow = (): Promise<Workspace> => workspaceWithPublishedFlow("retry");
const publish = publishFlow;

let phoneCounter = 0;
function uniquePhone(): string {
  phoneCounter += 1;
  return `+1650556${String(1000 + ((Date.now() + phoneCounter * 419) % 8000)).padStart(4, "0")}`;
}

async function untilStatus(runId: string, status: string) {
  return eventually(async () => {
    const row = await runRow(runId);
    return row?.status === status ? row : undefined;
  }, 20_000);
}

async function untilWaitingForReply(runId: string) {
  return eventually(async () => ((await runRow(runId))?.waitingFor === "reply" ? true : undefined), 20_000);
}

async function stepsOf(runId: string) {
  const db = await getDb();
  return db.select().from(runSteps).where(eq(runSteps.runId, runId)).orderBy(asc(runSteps.seq));
}

async function startOrderShipped(ws: Workspace, phone: string): Promise<string> {
  const started = await triggerFlows({
    workspaceId: ws.workspace.id,
    source: "api",
    name: "order.shipped",
    contact: { phone, name: "Sara" },
    data: { order_id: "#1042", tracking_url: "https://track.example/1042" },
  });
  return started.runs[0]?.runId ?? "";
}

/** A run whose shipping notice Meta refused with 131047 (the starter's `failed` output is not connected). */
async function runFailedOnSend(ws: Workspace, phone: string): Promise<string> {
  appSandbox().faults.add({ kind: "sync_131047", match: { to: phone.slice(1) }, times: 1 });
  const runId = await startOrderShipped(ws, phone);
  await untilStatus(runId, "failed");
  // The retry's send would otherwise wait out the pair limit (6 s) behind the refused attempt.
  const db = await getDb();
  await db
    .update(contacts)
    .set({ nextSendAt: new Date(0) })
    .where(eq(contacts.workspaceId, ws.workspace.id));
  return runId;
}

const sentTo = (ws: ConnectedWorkspace, phone: string) =>
  appSandbox().sent({ phoneNumberId: ws.metaPhoneNumberId, to: phone.slice(1) });

async function refusalOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  const details = (error.cause as { details?: { reason?: unknown } } | undefined)?.details;
  return { code: error.code, reason: details?.reason };
}

describe("retrying a failed run from the failed step", () => {
  it("Meta refused the send; after the cause is gone the retry continues from that node, sending once", async () => {
    const ws = await workspaceWithFlow();
    const phone = uniquePhone();
    const runId = await runFailedOnSend(ws, phone);

    const failed = await ws.viewer.caller.run.get({ workspaceSlug: ws.slug, runId });
    expect(failed.run).toMatchObject({ failureCode: "send_failed", failureParams: { code: 131047 } });
    expect(failed.retry).toMatchObject({ safe: true, nodeId: "notify", stepKey: "notify:1" });
    expect(sentTo(ws, phone)).toHaveLength(0);

    expect(await refusalOf(ws.viewer.caller.run.retry({ workspaceSlug: ws.slug, runId }))).toMatchObject({
      code: "FORBIDDEN",
    });
    const retried = await ws.editor.caller.run.retry({ workspaceSlug: ws.slug, runId });
    expect(retried).toEqual({ runId, nodeId: "notify", stepKey: "notify:1" });

    const notice = await eventually(async () => sentTo(ws, phone)[0], 20_000);
    expect(notice.payload).toMatchObject({ type: "template", template: { name: "order_shipped" } });
    await untilWaitingForReply(runId);
    await appSandbox().simulateInbound({
      phoneNumberId: ws.metaPhoneNumberId,
      from: phone.slice(1),
      button: { text: "Track order", payload: "Track order", contextId: notice.wamid },
    });
    const done = await untilStatus(runId, "completed");
    expect(done.failureCode).toBeNull();

    // the shipping notice reached the contact once in all, then the tracking link
    expect(sentTo(ws, phone).map((m) => m.payload.type)).toEqual(["template", "text"]);
    const steps = await stepsOf(runId);
    expect(steps.map((s) => [s.stepKey, s.status])).toEqual([
      ["trigger:1", "completed"],
      ["notify:1", "failed"],
      ["notify:2", "completed"],
      ["wait:1", "completed"],
      ["tracking-link:1", "completed"],
    ]);
    expect(steps[1]?.error).toMatchObject({
      code: "send_failed",
      metaCode: 131047,
      params: { code: 131047 },
    });
    const db = await getDb();
    const sent = await db
      .select({ stepKey: messages.stepKey, status: messages.status })
      .from(messages)
      .where(eq(messages.runId, runId))
      .orderBy(asc(messages.createdAt));
    expect(sent.map((m) => [m.stepKey, m.status === "failed" ? "failed" : "out"])).toEqual([
      ["notify:1", "failed"],
      ["notify:2", "out"],
      ["tracking-link:1", "out"],
    ]);
    const audit = await db
      .select({ meta: auditLog.meta })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.workspace.id), eq(auditLog.action, "run.retry")));
    expect(audit).toEqual([{ meta: expect.objectContaining({ fromStepKey: "notify:1" }) }]);

    // a finished run cannot be retried again
    expect(await refusalOf(ws.editor.caller.run.retry({ workspaceSlug: ws.slug, runId }))).toEqual({
      code: "CONFLICT",
      reason: "retry_not_failed",
    });
  });

  it("a template paused when the run reached it: approved again, the retry sends it", async () => {
    const ws = await workspaceWithFlow();
    const phone = uniquePhone();
    const db = await getDb();
    const setStatus = (status: "PAUSED" | "APPROVED") =>
      db
        .update(templates)
        .set({ status })
        .where(and(eq(templates.workspaceId, ws.workspace.id), eq(templates.name, "order_shipped")));
    await setStatus("PAUSED");
    const runId = await startOrderShipped(ws, phone);
    const failed = await untilStatus(runId, "failed");
    expect(failed.failureCode).toBe("template_unavailable");
    const detail = await ws.editor.caller.run.get({ workspaceSlug: ws.slug, runId });
    expect(detail.run.failureParams).toEqual({
      template: "order_shipped",
      language: "en_US",
      status: "PAUSED",
    });
    expect(detail.steps.find((s) => s.stepKey === "notify:1")?.error?.params).toEqual({
      template: "order_shipped",
      language: "en_US",
      status: "PAUSED",
    });

    await setStatus("APPROVED");
    await ws.editor.caller.run.retry({ workspaceSlug: ws.slug, runId });
    await untilWaitingForReply(runId);
    expect(sentTo(ws, phone).map((m) => m.payload.type)).toEqual(["template"]);
    expect((await runRow(runId))?.failureCode).toBeNull();
  });

  it("refuses when the failed send may have gone out (Meta never answered)", async () => {
    const ws = await workspaceWithFlow();
    const phone = uniquePhone();
    const runId = await runFailedOnSend(ws, phone);
    // As the row is left when every attempt timed out: still pending, the last error a timeout.
    const db = await getDb();
    await db
      .update(messages)
      .set({ status: "pending", errorCode: TIMEOUT_ERROR_CODE, failedAt: null })
      .where(eq(messages.runId, runId));

    const detail = await ws.editor.caller.run.get({ workspaceSlug: ws.slug, runId });
    expect(detail.retry).toMatchObject({ safe: false, reason: "outcome_unknown" });
    expect(await refusalOf(ws.editor.caller.run.retry({ workspaceSlug: ws.slug, runId }))).toEqual({
      code: "PRECONDITION_FAILED",
      reason: "retry_outcome_unknown",
    });
    expect((await runRow(runId))?.status).toBe("failed");
  });

  it("refuses once a newer version of the flow is published", async () => {
    const ws = await workspaceWithFlow();
    const phone = uniquePhone();
    const runId = await runFailedOnSend(ws, phone);
    await publish(ws, ws.flowId);
    expect(await refusalOf(ws.editor.caller.run.retry({ workspaceSlug: ws.slug, runId }))).toEqual({
      code: "PRECONDITION_FAILED",
      reason: "retry_version_changed",
    });
  });

  it("refuses while another run of the flow is running for the contact", async () => {
    const ws = await workspaceWithFlow();
    const phone = uniquePhone();
    const runId = await runFailedOnSend(ws, phone);
    const other = await startOrderShipped(ws, phone);
    expect(other).not.toBe(runId);
    await untilWaitingForReply(other);

    expect(await refusalOf(ws.editor.caller.run.retry({ workspaceSlug: ws.slug, runId }))).toEqual({
      code: "CONFLICT",
      reason: "retry_other_run_active",
    });
    expect((await runRow(runId))?.status).toBe("failed");
    expect(sentTo(ws, phone)).toHaveLength(1);
  });
});
