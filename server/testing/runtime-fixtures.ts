/**
 * Arrangement for tests that run flows for real: the local Inngest executor serving the app's functions
 * (with the test clock), the bridge from domain events to Inngest, and workspaces whose sandbox webhooks
 * go through the real webhook route.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll } from "vitest";
import { POST as whatsappWebhook } from "@/app/api/webhooks/whatsapp/route";
import { getDb } from "@/db/client";
import { runs } from "@/db/schema";
import { now, resetClock } from "@/server/clock";
import { installInngestBridge } from "@/server/inngest/bridge";
import { setInngestClient } from "@/server/inngest/client";
import { appFunctions } from "@/server/inngest/functions";
import { startHarness, type Harness } from "@/server/inngest/local/test-harness";
import { settleAfterResponseTasks } from "@/server/services/webhooks/after-response";
import {
  appSandbox,
  createConnectedWorkspace,
  deliverSandboxWebhooks,
  type ConnectedWorkspace,
} from "./channel-fixtures";
import { createFlowIn } from "./flow-fixtures";
import { openTestDatabase } from "./fixtures";

/**
 * Starts the runtime before the file's tests and stops it after; after each test, clears the sandbox's
 * faults, puts the clock back and waits for work left after responses. Returns the harness's getter.
 */
export function withLocalRuntime(): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    await openTestDatabase();
    harness = await startHarness(await getDb(), (client) => appFunctions(client), {
      now: () => new Date(now()),
    });
    setInngestClient(harness.client);
    installInngestBridge();
  });
  afterEach(async () => {
    appSandbox().faults.clear();
    resetClock();
    await settleAfterResponseTasks();
  });
  afterAll(async () => {
    await settleAfterResponseTasks();
    await harness?.close();
    setInngestClient(undefined);
  });
  return () => {
    if (!harness) throw new Error("the local runtime is not started (call withLocalRuntime at the top)");
    return harness;
  };
}

/** Sends the sandbox's webhooks through the real webhook route. */
export function deliverWebhooksToRoute(): void {
  deliverSandboxWebhooks((request) => whatsappWebhook(request));
}

/** Publishes the flow's draft as its next version. */
export async function publishFlow(ws: ConnectedWorkspace, flowId: string): Promise<void> {
  const flow = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId });
  await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: flow.revision, note: "" });
}

/** A connected workspace with the order-shipped starter published, its webhooks through the route. */
export async function workspaceWithPublishedFlow(
  label: string,
): Promise<ConnectedWorkspace & { flowId: string }> {
  const ws = await createConnectedWorkspace(label);
  deliverWebhooksToRoute();
  const flowId = await createFlowIn(ws);
  await publishFlow(ws, flowId);
  return { ...ws, flowId };
}

export async function runRow(runId: string) {
  const db = await getDb();
  const [row] = await db.select().from(runs).where(eq(runs.id, runId));
  return row;
}
