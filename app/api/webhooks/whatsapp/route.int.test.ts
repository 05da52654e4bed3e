import { eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { messages } from "@/db/schema";
import { env } from "@/server/env";
import { openTestDatabase } from "@/server/testing/fixtures";
import { settleAfterResponseTasks } from "@/server/services/webhooks/after-response";
import {
  INVALID_SIGNATURE_POLICY,
  resetInvalidSignatureGuard,
} from "@/server/services/webhooks/invalid-signature-guard";
import {
  WEBHOOK_URL,
  createConnectedWorkspace,
  inboundBody,
  insertOutboundMessage,
  isStored,
  messageByWamid,
  randomWaId,
  randomWamid,
  signedPost,
  statusBody,
  storedEvents,
  textMessage,
  type ConnectedWorkspace,
} from "@/server/services/webhooks/test-fixtures";
import { GET, POST } from "./route";

beforeAll(openTestDatabase);
beforeEach(resetInvalidSignatureGuard);
afterEach(settleAfterResponseTasks);

function verification(params: Record<string, string>): Request {
  return new Request(`${WEBHOOK_URL}?${new URLSearchParams(params).toString()}`);
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}

describe("GET /api/webhooks/whatsapp (subscription check)", () => {
  it("echoes the challenge as plain text when the verify token matches", async () => {
    const response = GET(
      verification({
        "hub.mode": "subscribe",
        "hub.challenge": "1158201444",
        "hub.verify_token": env().WEBHOOK_VERIFY_TOKEN,
      }),
    );

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("1158201444");
  });

  it("answers 403 to a wrong token, a wrong mode or missing parameters", async () => {
    const wrongToken = GET(
      verification({ "hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": "nope-nope" }),
    );
    const wrongMode = GET(
      verification({
        "hub.mode": "unsubscribe",
        "hub.challenge": "1",
        "hub.verify_token": env().WEBHOOK_VERIFY_TOKEN,
      }),
    );
    const nothing = GET(verification({}));

    for (const response of [wrongToken, wrongMode, nothing]) {
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain("1");
    }
  });
});

describe("POST /api/webhooks/whatsapp", () => {
  let ws: ConnectedWorkspace;
  beforeAll(async () => {
    ws = await createConnectedWorkspace("route");
  });

  async function inboundHi() {
    return inboundBody(ws, { from: randomWaId(), content: textMessage("hi") });
  }

  it("stores a correctly signed delivery, answers 200 at once and processes it afterwards", async () => {
    const body = await inboundHi();
    const wamid = (body.entry[0]?.changes[0]?.value.messages as { id: string }[])[0]?.id ?? "";

    const response = await POST(signedPost(body));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    await settleAfterResponseTasks();
    const [event] = (await storedEvents(ws)).filter((e) => JSON.stringify(e.payload).includes(wamid));
    expect(event?.processedAt).toBeInstanceOf(Date);
    expect(event?.updateCount).toBe(1);
    expect(await messageByWamid(wamid)).toMatchObject({ direction: "in", status: "received", preview: "hi" });
  });

  it.each([
    ["missing", { secret: null }],
    ["made with another secret", { secret: "not-the-app-secret-0123456789" }],
    ["malformed", { headers: { "x-hub-signature-256": "sha256=zz" } }],
  ] as const)(
    "refuses a delivery whose signature is %s with 401 and stores nothing",
    async (_label, options) => {
      const body = await inboundHi();

      const response = await POST(signedPost(body, options));

      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe("invalid_signature");
      expect(await isStored(JSON.stringify(body))).toBe(false);
    },
  );

  it("refuses a body signed before it was altered", async () => {
    const body = await inboundHi();
    const signed = signedPost(body);
    const tampered = new Request(WEBHOOK_URL, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify(body).replace('"hi"', '"HI"'),
    });

    const response = await POST(tampered);

    expect(response.status).toBe(401);
  });

  it("refuses a body over 3 MB with 413, by its Content-Length or by reading it", async () => {
    const big = "x".repeat(3 * 1024 * 1024 + 1);
    const declared = signedPost(null, { raw: big, headers: { "content-length": String(big.length) } });
    const streamed = new Request(WEBHOOK_URL, {
      method: "POST",
      headers: { "x-hub-signature-256": "sha256=00" },
      body: new ReadableStream({
        start(controller) {
          const chunk = new TextEncoder().encode("y".repeat(256 * 1024));
          for (let i = 0; i < 13; i += 1) controller.enqueue(chunk);
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit & { duplex: "half" });

    expect((await POST(declared)).status).toBe(413);
    const response = await POST(streamed);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("payload_too_large");
  });

  it("answers 400 naming the problem to correctly signed bad JSON, and stores nothing", async () => {
    const raw = `{"object":"whatsapp_business_account","entry":[{"id":"${ws.wabaId}"`;

    const response = await POST(signedPost(null, { raw }));

    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_json");
    expect(error.message).toMatch(/not JSON/);
    expect(await isStored(raw)).toBe(false);
  });

  it("answers 400 with the path of a field of the wrong type", async () => {
    const body = statusBody(ws, [
      { wamid: randomWamid(), status: "sent", at: new Date(), recipientWaId: "966500000000" },
    ]);
    const value = body.entry[0]?.changes[0]?.value as { statuses: Record<string, unknown>[] };
    if (value.statuses[0]) value.statuses[0].id = 42;

    const response = await POST(signedPost(body));

    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_payload");
    expect(error.message).toContain("entry.0.changes.0.value.statuses.0.id");
    expect(await isStored(JSON.stringify(body))).toBe(false);
  });

  it("stores and processes a replayed delivery once", async () => {
    const to = randomWaId();
    const body = inboundBody(ws, { from: to, content: textMessage("order 42?") });
    const wamid = (body.entry[0]?.changes[0]?.value.messages as { id: string }[])[0]?.id ?? "";

    const first = await POST(signedPost(body));
    const replay = await POST(signedPost(body));
    await settleAfterResponseTasks();

    expect([first.status, replay.status]).toEqual([200, 200]);
    const rows = (await storedEvents(ws)).filter((e) => JSON.stringify(e.payload).includes(wamid));
    expect(rows).toHaveLength(1);
    const db = await getDb();
    expect(await db.select().from(messages).where(eq(messages.wamid, wamid))).toHaveLength(1);
  });

  it("applies a status delivered by POST to the outbound message", async () => {
    const out = await insertOutboundMessage(ws);
    const at = new Date("2026-03-01T10:00:00Z");

    await POST(
      signedPost(statusBody(ws, [{ wamid: out.wamid, status: "delivered", at, recipientWaId: out.waId }])),
    );
    await settleAfterResponseTasks();

    expect(await messageByWamid(out.wamid)).toMatchObject({
      status: "delivered",
      deliveredAt: at,
      sentAt: null,
    });
  });

  it("brakes an address after repeated bad signatures without slowing correctly signed deliveries", async () => {
    const attacker = { "x-forwarded-for": "203.0.113.9" };
    for (let i = 0; i < INVALID_SIGNATURE_POLICY.maxFailures; i += 1) {
      const response = await POST(signedPost({}, { secret: "wrong-secret-0123456789", headers: attacker }));
      expect(response.status).toBe(401);
    }

    const blocked = await POST(signedPost({}, { secret: "wrong-secret-0123456789", headers: attacker }));
    const meta = await POST(signedPost(await inboundHi(), { headers: { "x-forwarded-for": "173.252.0.1" } }));

    expect(blocked.status).toBe(429);
    expect(meta.status).toBe(200);
  });
});
