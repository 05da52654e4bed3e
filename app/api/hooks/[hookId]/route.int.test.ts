import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { contacts, flowHooks, runs, triggerEvents } from "@/db/schema";
import type { FlowDocument, FlowNode } from "@/lib/flow/schema";
import type { HookMapping } from "@/lib/runs/hooks";
import { signPayload } from "@/lib/whatsapp/signature";
import { eventually } from "@/server/inngest/local/test-harness";
import { addSuppression } from "@/server/services/contacts/suppressions";
import { settleAfterResponseTasks } from "@/server/services/webhooks/after-response";
import {
  appSandbox,
  createConnectedWorkspace,
  type ConnectedWorkspace,
} from "@/server/testing/channel-fixtures";
import { createFlowIn } from "@/server/testing/flow-fixtures";
import { POST } from "./route";
import { deliverWebhooksToRoute, withLocalRuntime } from "@/server/testing/runtime-fixtures";

let ws: ConnectedWorkspace;

withLocalRuntime();

beforeAll(async () => {
  ws = await createConnectedWorkspace("hooks");
  deliverWebhooksToRoute();
});

afterEach(async () => {
  await settleAfterResponseTasks();
});

interface WebhookFlow {
  flowId: string;
  hookId: string;
  secret: string;
}

/** The order-shipped starter with its trigger turned into an integration webhook, published; its hook. */
async function webhookFlow(
  mapping: Partial<HookMapping> = { phone: "customer.phone", name: "customer.first_name" },
  options: { publish?: boolean } = {},
): Promise<WebhookFlow> {
  const flowId = await createFlowIn(ws, "Shop webhook");
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
              mapping: { phone: "phone", name: "name", data: "", ...mapping },
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
  if (options.publish !== false) {
    const saved = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId });
    await ws.editor.caller.flow.publish({
      workspaceSlug: ws.slug,
      flowId,
      revision: saved.revision,
      note: "",
    });
  }
  const hook = await ws.editor.caller.hook.ensure({ workspaceSlug: ws.slug, flowId, nodeId: "trigger" });
  const { secret } = await ws.editor.caller.hook.revealSecret({
    workspaceSlug: ws.slug,
    flowId,
    nodeId: "trigger",
  });
  return { flowId, hookId: hook.id, secret };
}

function deliver(hookId: string, body: string, headers: Record<string, string> = {}) {
  return POST(
    new Request(`http://localhost/api/hooks/${hookId}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    }),
    { params: Promise.resolve({ hookId }) },
  );
}

const signed = (hook: WebhookFlow, body: string, headers: Record<string, string> = {}) =>
  deliver(hook.hookId, body, { "x-raqi-signature": signPayload(body, hook.secret), ...headers });

let phoneCounter = 0;
function uniquePhone(): string {
  phoneCounter += 1;
  return `+1650556${String(1000 + ((Date.now() + phoneCounter * 421) % 8000)).padStart(4, "0")}`;
}

const shopOrder = (phone: string) =>
  JSON.stringify({
    customer: { phone, first_name: "Sara" },
    order_id: "#2051",
    tracking_url: "https://track.example/2051",
  });

interface Answer {
  event?: { id: string; duplicate: boolean };
  runs?: { runId: string | null; outcome: string }[];
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

async function answer(response: Response): Promise<Answer> {
  return (await response.json()) as Answer;
}

async function storedFor(phone: string) {
  const db = await getDb();
  const events = await db
    .select({ id: triggerEvents.id })
    .from(triggerEvents)
    .where(and(eq(triggerEvents.workspaceId, ws.workspace.id), eq(triggerEvents.contactPhone, phone)));
  const people = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ws.workspace.id), eq(contacts.phone, phone)));
  return { events: events.length, contacts: people.length };
}

describe("POST /api/hooks/[hookId]", () => {
  it("a delivery signed with the hook's secret starts a run that sends the template in the sandbox", async () => {
    const hook = await webhookFlow();
    const phone = uniquePhone();
    const response = await signed(hook, shopOrder(phone));
    expect(response.status).toBe(202);
    const body = await answer(response);
    expect(body.event).toEqual({ id: expect.any(String), duplicate: false });
    expect(body.runs).toEqual([{ runId: expect.any(String), outcome: "started" }]);

    const db = await getDb();
    const [run] = await db
      .select()
      .from(runs)
      .where(eq(runs.id, body.runs?.[0]?.runId ?? ""));
    expect(run).toMatchObject({ flowId: hook.flowId, triggerSource: "webhook", triggerNodeId: "trigger" });
    const sent = await eventually(
      async () => appSandbox().sent({ phoneNumberId: ws.metaPhoneNumberId, to: phone.slice(1) })[0],
    );
    expect(sent.payload).toMatchObject({ type: "template", template: { name: "order_shipped" } });
    // The mapped name and the data reached the template's variables.
    expect(JSON.stringify(sent.payload)).toContain('"Sara"');
    expect(JSON.stringify(sent.payload)).toContain('"#2051"');
    const [row] = await db.select().from(flowHooks).where(eq(flowHooks.id, hook.hookId));
    expect(row?.lastReceivedAt).toBeInstanceOf(Date);
  });

  it("refuses a wrong or missing signature with 401 and stores nothing", async () => {
    const hook = await webhookFlow();
    const phone = uniquePhone();
    const body = shopOrder(phone);
    const cases: [Response, string][] = [
      [await deliver(hook.hookId, body), "Sign the body"],
      [
        await deliver(hook.hookId, body, { "x-raqi-signature": signPayload(body, "another-secret") }),
        "does not match",
      ],
      [
        await deliver(hook.hookId, body, { "x-raqi-signature": signPayload(`${body} `, hook.secret) }),
        "does not match",
      ],
      [await deliver(hook.hookId, body, { "x-raqi-signature": "sha256=zz" }), "does not match"],
      [await deliver(hook.hookId, body, { authorization: `Bearer ${hook.secret}` }), "Sign the body"],
    ];
    for (const [response, words] of cases) {
      expect(response.status).toBe(401);
      expect((await answer(response)).error?.message).toContain(words);
    }
    expect(await storedFor(phone)).toEqual({ events: 0, contacts: 0 });
    const db = await getDb();
    const [row] = await db.select().from(flowHooks).where(eq(flowHooks.id, hook.hookId));
    expect(row?.lastReceivedAt).toBeNull();
  });

  it("with bearer authentication, takes the secret and refuses anything else", async () => {
    const hook = await webhookFlow();
    await ws.editor.caller.hook.setAuthKind({
      workspaceSlug: ws.slug,
      flowId: hook.flowId,
      nodeId: "trigger",
      authKind: "bearer",
    });
    const refusedPhone = uniquePhone();
    const wrong = await deliver(hook.hookId, shopOrder(refusedPhone), { authorization: "Bearer rqs_wrong" });
    expect(wrong.status).toBe(401);
    const signedOnly = await signed(hook, shopOrder(refusedPhone));
    expect(signedOnly.status).toBe(401);
    expect(await storedFor(refusedPhone)).toEqual({ events: 0, contacts: 0 });

    const phone = uniquePhone();
    const ok = await deliver(hook.hookId, shopOrder(phone), { authorization: `Bearer ${hook.secret}` });
    expect(ok.status).toBe(202);
    expect((await answer(ok)).runs).toEqual([{ runId: expect.any(String), outcome: "started" }]);
  });

  it("answers bad JSON, a missing phone and an unreachable number with 400 naming the problem", async () => {
    const hook = await webhookFlow();
    const cases: [string, string][] = [
      ["{not json", "not valid JSON"],
      [JSON.stringify({ customer: { first_name: "Sara" } }), '"customer.phone"'],
      [JSON.stringify({ order_id: "#1" }), 'no phone number at "customer.phone"'],
      [JSON.stringify({ customer: { phone: "12345" } }), '"12345" at "customer.phone"'],
      [JSON.stringify([1, 2]), '"customer.phone"'],
    ];
    for (const [body, words] of cases) {
      const response = await signed(hook, body);
      expect(response.status, body).toBe(400);
      expect((await answer(response)).error?.message).toContain(words);
    }
  });

  it("deduplicates: the same body twice, or the same Idempotency-Key, is one event and one run", async () => {
    const hook = await webhookFlow();
    const phone = uniquePhone();
    const body = shopOrder(phone);
    const first = await answer(await signed(hook, body));
    const again = await signed(hook, body);
    expect(again.status).toBe(202);
    expect(await answer(again)).toEqual({
      event: { id: first.event?.id, duplicate: true },
      runs: first.runs,
    });

    const keyed = uniquePhone();
    const a = await answer(await signed(hook, shopOrder(keyed), { "idempotency-key": "order-2051" }));
    const b = await answer(await signed(hook, `${shopOrder(keyed)}\n`, { "idempotency-key": "order-2051" }));
    expect(b.event).toEqual({ id: a.event?.id, duplicate: true });

    const db = await getDb();
    for (const who of [phone, keyed]) {
      const made = await db
        .select({ id: runs.id })
        .from(runs)
        .innerJoin(contacts, eq(contacts.id, runs.contactId))
        .where(and(eq(runs.flowId, hook.flowId), eq(contacts.phone, who)));
      expect(made).toHaveLength(1);
      expect((await storedFor(who)).events).toBe(1);
    }
  });

  it("deduplicates for 24 h only: yesterday's delivery still counts, an older one does not", async () => {
    const hook = await webhookFlow();
    const phone = uniquePhone();
    const body = shopOrder(phone);
    const first = await answer(await signed(hook, body));
    const db = await getDb();
    const [event] = await db
      .select({ key: triggerEvents.idempotencyKey })
      .from(triggerEvents)
      .where(eq(triggerEvents.id, first.event?.id ?? ""));
    const today = Math.floor(Date.now() / 86_400_000);
    expect(event?.key).toMatch(new RegExp(`^hook:${hook.hookId}:sha256:[0-9a-f]{64}:d${today}$`));
    const yesterdayKey = (event?.key ?? "").replace(/:d\d+$/, `:d${today - 1}`);
    const age = async (hours: number) =>
      db
        .update(triggerEvents)
        .set({ idempotencyKey: yesterdayKey, createdAt: new Date(Date.now() - hours * 3600_000) })
        .where(eq(triggerEvents.id, first.event?.id ?? ""));

    await age(23);
    expect(await answer(await signed(hook, body))).toMatchObject({
      event: { id: first.event?.id, duplicate: true },
    });
    // The first run ended long ago: a new delivery of the same body is a new event.
    await db
      .update(runs)
      .set({ status: "completed" })
      .where(eq(runs.id, first.runs?.[0]?.runId ?? ""));
    await age(25);
    const later = await answer(await signed(hook, body));
    expect(later.event).toEqual({ id: expect.any(String), duplicate: false });
    expect(later.event?.id).not.toBe(first.event?.id);
    expect(later.runs).toEqual([{ runId: expect.any(String), outcome: "started" }]);
  });

  it("honours suppressions: a suppressed number is answered but no run starts", async () => {
    const hook = await webhookFlow();
    const phone = uniquePhone();
    const db = await getDb();
    await addSuppression({ workspaceId: ws.workspace.id, phone, scope: "all", source: "manual" }, db);
    const response = await signed(hook, shopOrder(phone));
    expect(response.status).toBe(202);
    expect((await answer(response)).runs).toEqual([{ runId: null, outcome: "suppressed" }]);
  });

  it("answers 409 when the flow is not published or no longer has the trigger, and 404 for an unknown hook", async () => {
    const draftOnly = await webhookFlow(undefined, { publish: false });
    const unpublished = await signed(draftOnly, shopOrder(uniquePhone()));
    expect(unpublished.status).toBe(409);
    expect((await answer(unpublished)).error?.message).toContain("not published");

    const hook = await webhookFlow();
    const flow = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId: hook.flowId });
    const eventTrigger: FlowDocument = {
      ...flow.draft,
      nodes: flow.draft.nodes.map((node): FlowNode =>
        node.type === "trigger"
          ? { ...node, config: { ...node.config, kind: "event", eventName: "order.shipped" } }
          : node,
      ),
    };
    await ws.editor.caller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId: hook.flowId,
      revision: flow.revision,
      document: eventTrigger,
    });
    const saved = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId: hook.flowId });
    await ws.editor.caller.flow.publish({
      workspaceSlug: ws.slug,
      flowId: hook.flowId,
      revision: saved.revision,
      note: "",
    });
    const removed = await signed(hook, shopOrder(uniquePhone()));
    expect(removed.status).toBe(409);
    expect((await answer(removed)).error?.message).toContain("no longer has this webhook trigger");

    for (const id of ["hk_AAAAAAAAAAAAAAAAAAAAAAAA", "nope", "../../etc"]) {
      const unknown = await deliver(id, "{}");
      expect(unknown.status).toBe(404);
      expect(await answer(unknown)).toEqual({
        error: { code: "NOT_FOUND", message: "No such webhook", details: { reason: "hook_not_found" } },
      });
    }
  });

  it("refuses a body over 256 KB with 413", async () => {
    const hook = await webhookFlow();
    const huge = JSON.stringify({ phone: uniquePhone(), blob: "x".repeat(256 * 1024) });
    const response = await signed(hook, huge);
    expect(response.status).toBe(413);
    expect((await answer(response)).error?.message).toContain("256 KB");
  });

  it("rate-limits each hook: a burst beyond its budget gets 429 with Retry-After", async () => {
    const hook = await webhookFlow(undefined, { publish: false });
    const other = await webhookFlow(undefined, { publish: false });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i += 1) {
      const response = await deliver(hook.hookId, "{}");
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("retry-after");
    }
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(30);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Another hook has its own budget.
    expect((await deliver(other.hookId, "{}")).status).toBe(401);
  });
});
